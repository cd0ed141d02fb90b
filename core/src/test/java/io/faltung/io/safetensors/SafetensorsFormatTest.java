package io.faltung.io.safetensors;

import static io.faltung.io.safetensors.SafetensorsImages.concat;
import static io.faltung.io.safetensors.SafetensorsImages.f32;
import static io.faltung.io.safetensors.SafetensorsImages.f64;
import static io.faltung.io.safetensors.SafetensorsImages.i32;
import static io.faltung.io.safetensors.SafetensorsImages.i64;
import static io.faltung.io.safetensors.SafetensorsImages.image;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faltung.io.InvalidFormatException;
import io.faltung.tensor.Scope;
import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading hand-built files, writing and reading back, and the file API. */
class SafetensorsFormatTest {
    @TempDir
    Path dir;

    @Test
    void readsAHandBuiltFileInEveryDtype() throws Exception {
        String json = "{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"b\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[24,40]},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]},"
                + "\"n\":{\"dtype\":\"I32\",\"shape\":[],\"data_offsets\":[40,44]},"
                + "\"e\":{\"dtype\":\"F32\",\"shape\":[0,5],\"data_offsets\":[44,44]}}   ";
        byte[] data = concat(f32(1, 2, 3, 4, 5, -0f), f64(Math.PI, -1e300), i32(-7));
        try (SafetensorsFile f = SafetensorsFile.of(image(json, data), "hand-built")) {
            assertEquals(List.of("b", "a", "n", "e"), f.names());
            assertEquals(Map.of("format", "pt"), f.metadata());
            assertArrayEquals(new float[] {1, 2, 3, 4, 5, -0f}, f.read("a").floats());
            assertEquals(Shape.of(2, 3), f.read("a").shape());
            assertArrayEquals(new double[] {Math.PI, -1e300}, f.read("b").doubles());
            assertArrayEquals(new int[] {-7}, f.read("n").ints());
            assertEquals(Shape.scalar(), f.read("n").shape());
            assertEquals(0, f.read("e").floats().length);
            IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> f.read("c"));
            assertTrue(missing.getMessage().contains("no tensor 'c'") && missing.getMessage().contains("[b, a, n, e]"),
                    missing.getMessage());
        }
    }

    @Test
    void readsPyTorchsInt64IntoInt32WhenEveryValueFits() throws Exception {
        // torch.long, e.g. BatchNorm's num_batches_tracked: a scalar I64
        String json = "{\"t\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[0,8]},"
                + "\"v\":{\"dtype\":\"I64\",\"shape\":[3],\"data_offsets\":[8,32]}}";
        try (SafetensorsFile f = SafetensorsFile.of(image(json, i64(12345, -1, Integer.MIN_VALUE, Integer.MAX_VALUE)),
                "torch")) {
            assertEquals(HostTensor.ofInts(new int[] {12345}), f.read("t"));
            assertArrayEquals(new int[] {-1, Integer.MIN_VALUE, Integer.MAX_VALUE}, f.read("v").ints());
        }
        String big = "{\"v\":{\"dtype\":\"I64\",\"shape\":[2],\"data_offsets\":[0,16]}}";
        try (SafetensorsFile f = SafetensorsFile.of(image(big, i64(3, 1L << 31)), "torch")) {
            InvalidFormatException e = assertThrows(InvalidFormatException.class, () -> f.read("v"));
            assertTrue(e.getMessage().contains("'v' (I64) holds 2147483648 at element 1, outside the 32-bit range"),
                    e.getMessage());
        }
        String wrongLength = "{\"v\":{\"dtype\":\"I64\",\"shape\":[2],\"data_offsets\":[0,8]}}";
        assertThrows(InvalidFormatException.class, () -> SafetensorsFile.of(image(wrongLength, i64(3)), "torch"));
    }

    @Test
    void writerOutputParsesBackIdenticallyWithAlignedHeader() throws Exception {
        Map<String, HostTensor> tensors = new LinkedHashMap<>();
        tensors.put("w", HostTensor.ofFloats(new float[] {1.5f, Float.NaN, Float.MIN_VALUE, -0f}, 2, 2));
        tensors.put("d", HostTensor.ofDoubles(new double[] {Double.MAX_VALUE}, 1));
        tensors.put("i", HostTensor.ofInts(new int[] {Integer.MIN_VALUE, 0, Integer.MAX_VALUE}, 3));
        tensors.put("ünïcode name", HostTensor.ofFloats(new float[0], 0));
        Map<String, String> meta = Map.of("config", "{\"lr\": 0.1}");
        byte[] bytes = SafetensorsWriter.toBytes(tensors, meta);
        long headerLength = java.nio.ByteBuffer.wrap(bytes, 0, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, headerLength % 8, "header padded to 8 bytes");
        try (SafetensorsFile f = SafetensorsFile.of(bytes, "written")) {
            assertEquals(tensors, f.readAll());
            assertEquals(meta, f.metadata());
            assertEquals(List.copyOf(tensors.keySet()), f.names());
        }
    }

    @Test
    void writesAtomicallyToDiskAndReadsTensorsBack() throws Exception {
        Path file = dir.resolve("model.safetensors");
        try (Scope s = Scope.open()) {
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            tensors.put("weight", Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
            tensors.put("steps", Tensor.ofInts(new int[] {3}));
            SafetensorsWriter.writeTensors(file, tensors, Map.of());
            try (SafetensorsFile f = SafetensorsFile.open(file)) {
                Tensor w = f.read("weight").toTensor();
                assertEquals(Shape.of(2, 3), w.shape());
                assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, w.toFloatArray());
                assertArrayEquals(new int[] {3}, f.read("steps").toTensor().toIntArray());
            }
        }
        try (var listing = Files.list(dir)) {
            assertEquals(List.of(file), listing.toList(), "no temporary file left behind");
        }
    }

    @Test
    void openReportsTheFileNameInErrors() throws Exception {
        Path file = dir.resolve("broken.safetensors");
        Files.write(file, new byte[] {1, 2, 3});
        InvalidFormatException e = assertThrows(InvalidFormatException.class, () -> SafetensorsFile.open(file));
        assertTrue(e.getMessage().startsWith(file.toString() + ": the file has 3 bytes"), e.getMessage());
    }

    @Test
    void detectsAFileTruncatedAfterOpening() throws Exception {
        Path file = dir.resolve("shrinks.safetensors");
        Files.write(file, SafetensorsWriter.toBytes(Map.of("x", HostTensor.ofFloats(new float[64], 64)), Map.of()));
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            try (var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
                channel.truncate(channel.size() - 10);
            }
            InvalidFormatException e = assertThrows(InvalidFormatException.class, () -> f.read("x"));
            assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        }
    }

    @Test
    void reservedNameCannotBeWritten() {
        assertThrows(IllegalArgumentException.class, () -> SafetensorsWriter.toBytes(
                Map.of("__metadata__", HostTensor.ofFloats(new float[1], 1)), Map.of()));
    }
}
