package io.faltung.io.safetensors;

import static io.faltung.io.safetensors.SafetensorsImages.f32;
import static io.faltung.io.safetensors.SafetensorsImages.image;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faltung.io.InvalidFormatException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Truncated, corrupt, oversized and hostile files are rejected with a message naming the problem. */
class SafetensorsRejectionTest {

    private static String tensor(String name, String dtype, String shape, String offsets) {
        return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape + ",\"data_offsets\":" + offsets + "}";
    }

    private static Arguments reject(String why, byte[] image, String expected) {
        return Arguments.of(why, image, expected);
    }

    private static Arguments rejectJson(String why, String json, byte[] data, String expected) {
        return reject(why, image(json, data), expected);
    }

    static Stream<Arguments> hostileFiles() {
        byte[] four = f32(1, 2, 3, 4);
        String deep = "{\"a\":{\"dtype\":\"F32\",\"shape\":" + "[".repeat(100_000);
        return Stream.of(
                reject("empty", new byte[0], "fewer than the 8"),
                reject("truncated length", new byte[] {8, 0, 0}, "the file has 3 bytes"),
                reject("header claims 2^64-1 bytes", image(-1L, new byte[] {'{', '}'}, new byte[0]),
                        "18446744073709551615 bytes, more than the limit"),
                reject("header claims a terabyte", image(1L << 40, new byte[] {'{', '}'}, new byte[0]),
                        "more than the limit"),
                reject("header longer than the file", image(64, "{}".getBytes(StandardCharsets.UTF_8), new byte[0]),
                        "says 64 bytes but only 2 follow"),
                reject("header not an object", image(2, "[]".getBytes(StandardCharsets.UTF_8), new byte[0]),
                        "starting with '{'"),
                reject("empty header", image(0, new byte[0], new byte[0]), "is empty"),
                reject("invalid UTF-8", image(4, new byte[] {'{', '"', (byte) 0xff, '"'}, new byte[0]), "not valid UTF-8"),
                rejectJson("invalid JSON", "{\"a\":}", four, "not valid JSON"),
                rejectJson("trailing garbage", "{} x", new byte[0], "not valid JSON"),
                rejectJson("deep nesting", deep, new byte[0], "shape entry must be a number, not an array"),
                rejectJson("tensor not an object", "{\"a\":[1,2]}", four, "tensor 'a' must be an object, not an array"),
                rejectJson("unknown dtype", "{" + tensor("a", "Q7", "[4]", "[0,16]") + "}", four, "unknown dtype \"Q7\""),
                rejectJson("unsupported dtype", "{" + tensor("a", "BF16", "[8]", "[0,16]") + "}", four,
                        "BF16 is valid safetensors but not supported"),
                rejectJson("shape times dtype differs from bytes", "{" + tensor("a", "F32", "[2,3]", "[0,16]") + "}", four,
                        "has data_offsets [0, 16] (16 bytes) but F32 [2, 3] needs 24 bytes"),
                rejectJson("offsets outside the file", "{" + tensor("a", "F32", "[4]", "[16,32]") + "}", four,
                        "begins at byte 16 but the data section starts at 0"),
                rejectJson("offsets beyond the end", "{" + tensor("a", "F32", "[8]", "[0,32]") + "}", four,
                        "cover 32 bytes of data but the file has 16"),
                rejectJson("end before begin", "{" + tensor("a", "F32", "[0]", "[16,0]") + "}", four,
                        "with end before begin"),
                rejectJson("overlap", "{" + tensor("a", "F32", "[4]", "[0,16]") + "," + tensor("b", "F32", "[2]", "[8,16]")
                        + "}", four, "overlapping tensors"),
                rejectJson("gap", "{" + tensor("a", "F32", "[2]", "[8,16]") + "}", four, "a gap"),
                rejectJson("trailing bytes", "{" + tensor("a", "F32", "[2]", "[0,8]") + "}", four,
                        "trailing bytes are not allowed"),
                rejectJson("negative extent", "{" + tensor("a", "F32", "[-4]", "[0,16]") + "}", four,
                        "-4 is not a non-negative integer"),
                rejectJson("fractional offset", "{" + tensor("a", "F32", "[4]", "[0,16.0]") + "}", four,
                        "16.0 is not a non-negative integer"),
                rejectJson("huge offset", "{" + tensor("a", "F32", "[4]", "[0,99999999999999999999]") + "}", four,
                        "is not a non-negative integer below 2^63"),
                rejectJson("huge extent", "{" + tensor("a", "F32", "[4294967296]", "[0,16]") + "}", four,
                        "extent 4294967296"),
                rejectJson("product overflows", "{" + tensor("a", "F64", "[2147483647,2147483647,2147483647]", "[0,16]")
                        + "}", four, "larger than 2^63 bytes"),
                rejectJson("three offsets", "{" + tensor("a", "F32", "[4]", "[0,8,16]") + "}", four, "got more"),
                rejectJson("one offset", "{" + tensor("a", "F32", "[4]", "[16]") + "}", four, "got 1"),
                rejectJson("missing shape", "{\"a\":{\"dtype\":\"F32\",\"data_offsets\":[0,16]}}", four, "lacks shape"),
                rejectJson("unknown field", "{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16],\"x\":1}}",
                        four, "unknown field \"x\""),
                rejectJson("repeated field", "{\"a\":{\"dtype\":\"F32\",\"dtype\":\"F32\",\"shape\":[4],"
                        + "\"data_offsets\":[0,16]}}", four, "field \"dtype\" twice"),
                rejectJson("duplicate tensor", "{" + tensor("a", "F32", "[4]", "[0,16]") + "," + tensor("a", "F32", "[4]",
                        "[0,16]") + "}", four, "\"a\" appears twice"),
                rejectJson("metadata value not a string", "{\"__metadata__\":{\"k\":1}}", new byte[0],
                        "metadata value \"k\" must be a string, not a number"),
                rejectJson("too many dimensions", "{" + tensor("a", "F32", "[" + "1,".repeat(64) + "1]", "[0,4]") + "}",
                        f32(1), "more than 64 dimensions"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileFiles")
    void rejectsWithAMessageNamingTheProblem(String why, byte[] image, String expected) {
        InvalidFormatException e = assertThrows(InvalidFormatException.class, () -> {
            try (SafetensorsFile f = SafetensorsFile.of(image, "test.safetensors")) {
                f.readAll();
            }
        });
        assertTrue(e.getMessage().startsWith("test.safetensors: "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }
}
