package io.faltung.data.idx;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The contents of an IDX file: an element type, the extents, and the elements in row-major
 * order. Immutable; elements are decoded on access from the big-endian payload.
 */
public final class IdxArray {
    private final IdxType type;
    private final int[] dims;
    private final ByteBuffer data;
    private final int size;

    /** An array over {@code payload} (big-endian, from index 0), which is not copied. */
    IdxArray(IdxType type, int[] dims, ByteBuffer payload) {
        this.type = type;
        this.dims = dims.clone();
        this.data = payload.asReadOnlyBuffer();
        this.size = payload.capacity() / type.bytes();
    }

    /** The element type. */
    public IdxType type() {
        return type;
    }

    /** The extents, outermost first (e.g. {@code [60000, 28, 28]} for MNIST training images). */
    public int[] dims() {
        return dims.clone();
    }

    /** The extent of axis {@code axis}. */
    public int dim(int axis) {
        return dims[axis];
    }

    /** The number of axes. */
    public int rank() {
        return dims.length;
    }

    /** The number of elements. */
    public int size() {
        return size;
    }

    /** The elements' bytes, big-endian, row-major, as a read-only buffer over the array's own storage (no copy). */
    public ByteBuffer bytes() {
        return data.duplicate();
    }

    /** Element {@code index} (row-major) as a double; unsigned bytes give 0…255. */
    public double get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("element " + index + " of an IDX array of " + size);
        }
        int at = index * type.bytes();
        switch (type) {
            case UNSIGNED_BYTE:
                return data.get(at) & 0xFF;
            case SIGNED_BYTE:
                return data.get(at);
            case SHORT:
                return data.getShort(at);
            case INT:
                return data.getInt(at);
            case FLOAT:
                return data.getFloat(at);
            default:
                return data.getDouble(at);
        }
    }

    /** All elements as floats, each multiplied by {@code scale} (e.g. {@code 1 / 255.0} for pixels). */
    public float[] toFloatArray(double scale) {
        float[] out = new float[size];
        for (int i = 0; i < size; i++) {
            out[i] = (float) (get(i) * scale);
        }
        return out;
    }

    /** All elements as ints; only for integer element types. */
    public int[] toIntArray() {
        if (!type.isInteger()) {
            throw new IllegalStateException("toIntArray() needs an integer IDX array, this one holds " + type);
        }
        int[] out = new int[size];
        for (int i = 0; i < size; i++) {
            out[i] = (int) get(i);
        }
        return out;
    }

    @Override
    public String toString() {
        return "IdxArray " + type + " " + Arrays.toString(dims);
    }
}
