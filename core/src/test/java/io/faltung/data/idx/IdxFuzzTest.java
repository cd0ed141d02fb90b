package io.faltung.data.idx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;

/**
 * Fuzzes the IDX reader (plain and gzip input): any byte string either parses into an array whose
 * dimensions match its element count, or is rejected with an {@link IdxFormatException}. Other
 * exceptions, an {@link OutOfMemoryError} or a hang are findings. Seeds and past findings live in
 * {@code src/test/resources/io/faltung/data/idx/IdxFuzzTestInputs/}; {@code docs/fuzzing.md}
 * describes the modes.
 */
class IdxFuzzTest {
    @FuzzTest(maxDuration = "10s")
    void readAnyBytes(byte[] input) throws Exception {
        IdxArray array;
        try {
            array = IdxReader.read(new ByteArrayInputStream(input), "fuzz input");
        } catch (IdxFormatException rejected) {
            return;
        }
        long elements = 1;
        for (int d : array.dims()) {
            elements *= d;
        }
        assertEquals(elements, array.size());
        if (array.size() > 0) {
            array.get(array.size() - 1);
        }
    }
}
