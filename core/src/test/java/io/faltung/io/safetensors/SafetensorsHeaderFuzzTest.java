package io.faltung.io.safetensors;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;

/**
 * Fuzzes the header schema and the range checks: the input is JSON header text, optionally
 * followed by a NUL byte and the data section, and the harness writes the correct length field
 * in front, so that mutations reach the JSON parser instead of failing at the length check.
 * Same property as {@link SafetensorsFuzzTest}; seeds are readable text files in
 * {@code SafetensorsHeaderFuzzTestInputs/}.
 */
class SafetensorsHeaderFuzzTest {
    @FuzzTest(maxDuration = "10s")
    @DictionaryEntries({"\"dtype\":", "\"shape\":", "\"data_offsets\":", "\"F32\"", "\"F64\"", "\"I32\"", "\"I64\"",
            "\"BF16\"", "\"__metadata__\":", "[0,", "]}", "{\"", "18446744073709551615", "2147483647"})
    void readHeaderText(byte[] input) throws Exception {
        int nul = 0;
        while (nul < input.length && input[nul] != 0) {
            nul++;
        }
        byte[] header = Arrays.copyOf(input, nul);
        byte[] data = nul < input.length ? Arrays.copyOfRange(input, nul + 1, input.length) : new byte[0];
        SafetensorsFuzzTest.check(SafetensorsImages.image(header.length, header, data));
    }
}
