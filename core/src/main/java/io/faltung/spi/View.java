package io.faltung.spi;

import java.util.Arrays;

/**
 * A strided window onto a {@link Buffer}: element {@code (i0, i1, …)} lives at
 * {@code offset + Σ i_k · strides[k]} (in elements, not bytes).
 *
 * <p>Strides may be 0 (broadcast along that axis) or negative (a flipped axis). The constructor
 * checks that every addressed element lies inside the buffer, so a wrong view fails here with a
 * message instead of reading foreign memory in a native kernel.
 */
public record View(Buffer buffer, int[] shape, int[] strides, long offset) implements Operand {

    /** Validates rank, non-negative extents and bounds. */
    public View {
        if (shape.length != strides.length) {
            throw new IllegalArgumentException("view rank mismatch: shape " + Arrays.toString(shape)
                    + " but strides " + Arrays.toString(strides));
        }
        long lo = offset;
        long hi = offset;
        boolean empty = false;
        for (int k = 0; k < shape.length; k++) {
            if (shape[k] < 0) {
                throw new IllegalArgumentException("negative extent in shape " + Arrays.toString(shape));
            }
            if (shape[k] == 0) {
                empty = true;
            }
            long reach = (long) (shape[k] - 1) * strides[k];
            if (reach < 0) {
                lo += reach;
            } else {
                hi += reach;
            }
        }
        if (!empty && (lo < 0 || hi >= buffer.size())) {
            throw new IllegalArgumentException("view " + Arrays.toString(shape) + " strides "
                    + Arrays.toString(strides) + " offset " + offset + " addresses elements [" + lo + ", "
                    + hi + "] outside a buffer of " + buffer.size() + " elements");
        }
    }

    /** A dense row-major view over the start of {@code buffer}. */
    public static View contiguous(Buffer buffer, int... shape) {
        return new View(buffer, shape.clone(), rowMajorStrides(shape), 0);
    }

    /** Row-major (C order) strides for {@code shape}. */
    public static int[] rowMajorStrides(int[] shape) {
        int[] strides = new int[shape.length];
        int s = 1;
        for (int k = shape.length - 1; k >= 0; k--) {
            strides[k] = s;
            s *= shape[k];
        }
        return strides;
    }

    /** Element type of the underlying buffer. */
    public DType dtype() {
        return buffer.dtype();
    }

    /** Number of axes. */
    public int rank() {
        return shape.length;
    }

    /** Number of addressed elements (the product of the extents). */
    public long size() {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    /** Whether the elements are dense and in row-major order (size-1 axes may have any stride). */
    public boolean isContiguous() {
        int expected = 1;
        for (int k = shape.length - 1; k >= 0; k--) {
            if (shape[k] != 1 && strides[k] != expected) {
                return false;
            }
            expected *= shape[k];
        }
        return true;
    }

    /** Whether this view has the same extents as {@code other}. */
    public boolean sameShape(View other) {
        return Arrays.equals(shape, other.shape);
    }

    @Override
    public String toString() {
        return "View" + Arrays.toString(shape) + " strides " + Arrays.toString(strides) + " offset " + offset
                + " (" + dtype() + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof View v && v.buffer == buffer && v.offset == offset && Arrays.equals(v.shape, shape)
                && Arrays.equals(v.strides, strides);
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(buffer) * 31 + Arrays.hashCode(shape) * 17 + Arrays.hashCode(strides)
                + Long.hashCode(offset);
    }
}
