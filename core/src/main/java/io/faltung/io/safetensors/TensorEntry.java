package io.faltung.io.safetensors;

import io.faltung.tensor.Shape;

/**
 * One tensor as described by a safetensors header: its name, element type, shape and byte range
 * {@code [begin, end)} relative to the start of the data section ({@code data_offsets}).
 */
public record TensorEntry(String name, SafetensorsDType dtype, Shape shape, long begin, long end) {
    /** The number of data bytes, {@code end - begin}. */
    public long byteLength() {
        return end - begin;
    }

    /** The number of elements. */
    public long size() {
        return shape.size();
    }

    @Override
    public String toString() {
        return name + " " + dtype + " " + shape + " @[" + begin + ", " + end + ")";
    }
}
