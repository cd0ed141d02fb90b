package io.faltung.io.safetensors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.faltung.io.InvalidFormatException;
import java.util.Map;

/**
 * Fuzzes the safetensors reader with raw file images: any byte string either parses, reads and
 * round-trips through the writer unchanged, or is rejected with an {@link InvalidFormatException}.
 * Any other exception, an {@link OutOfMemoryError} or a hang is a finding. Regression inputs
 * (seeds and past findings) live in
 * {@code src/test/resources/io/faltung/io/safetensors/SafetensorsFuzzTestInputs/}; {@code docs/fuzzing.md}
 * describes the modes.
 */
class SafetensorsFuzzTest {
    @FuzzTest(maxDuration = "10s")
    void readAnyBytes(byte[] input) throws Exception {
        check(input);
    }

    /** The property every input must satisfy. */
    static void check(byte[] image) throws Exception {
        Map<String, HostTensor> tensors;
        Map<String, String> metadata;
        try (SafetensorsFile file = SafetensorsFile.of(image, "fuzz input")) {
            tensors = file.readAll();
            metadata = file.metadata();
        } catch (InvalidFormatException rejected) {
            return;
        }
        byte[] rewritten = SafetensorsWriter.toBytes(tensors, metadata);
        try (SafetensorsFile again = SafetensorsFile.of(rewritten, "rewritten fuzz input")) {
            assertEquals(tensors, again.readAll());
            assertEquals(metadata, again.metadata());
        }
    }
}
