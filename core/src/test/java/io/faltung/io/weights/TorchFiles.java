package io.faltung.io.weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Bytes of a safetensors file laid out as {@code safetensors.torch.save_file(model.state_dict())}
 * writes it (safetensors/src/tensor.rs {@code prepare}): tensors sorted by dtype alignment (largest
 * first), then name; {@code "__metadata__"} first; fields dtype, shape, data_offsets; header padded
 * with spaces to a multiple of 8 bytes. F32 tensors and I64 scalars (a BatchNorm's
 * {@code num_batches_tracked}, a {@code torch.long}).
 */
final class TorchFiles {
    private record Entry(String name, String dtype, int[] shape, byte[] data) {
    }

    private final List<Entry> entries = new ArrayList<>();

    /** An F32 tensor. */
    TorchFiles f32(String name, float[] values, int... shape) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        entries.add(new Entry(name, "F32", shape, b.array()));
        return this;
    }

    /** An I64 scalar. */
    TorchFiles i64(String name, long value) {
        entries.add(new Entry(name, "I64", new int[0],
                ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array()));
        return this;
    }

    /** The file's bytes. */
    byte[] bytes() {
        List<Entry> sorted = entries.stream().sorted(Comparator.comparingInt((Entry e) -> e.dtype().equals("I64") ? 0 : 1)
                .thenComparing(Entry::name)).toList();
        StringBuilder json = new StringBuilder("{\"__metadata__\":{\"format\":\"pt\"}");
        long at = 0;
        for (Entry e : sorted) {
            long end = at + e.data().length;
            json.append(",\"").append(e.name()).append("\":{\"dtype\":\"").append(e.dtype()).append("\",\"shape\":")
                    .append(Arrays.toString(e.shape()).replace(" ", ""))
                    .append(",\"data_offsets\":[").append(at).append(',').append(end).append("]}");
            at = end;
        }
        json.append('}');
        while (json.length() % 8 != 0) {
            json.append(' ');
        }
        byte[] header = json.toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate((int) (8 + header.length + at)).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(header.length).put(header);
        sorted.forEach(e -> b.put(e.data()));
        return b.array();
    }
}
