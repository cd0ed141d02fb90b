package io.faltung.testkit.reference;

import io.faltung.spi.DType;
import io.faltung.spi.Operand;
import io.faltung.spi.Scalar;
import io.faltung.spi.View;
import java.util.Arrays;

/**
 * Reads and writes strided views element by element in row-major logical order, the one way every
 * reference kernel touches memory. Reading a whole input before writing makes aliasing harmless.
 */
public final class Elements {
    private Elements() {
    }

    /** Buffer offset of every element of {@code view}, in row-major logical order. */
    public static long[] offsets(View view) {
        int n = Math.toIntExact(view.size());
        int[] shape = view.shape();
        int[] strides = view.strides();
        long[] out = new long[n];
        int[] index = new int[shape.length];
        for (int i = 0; i < n; i++) {
            long offset = view.offset();
            for (int k = 0; k < shape.length; k++) {
                offset += (long) index[k] * strides[k];
            }
            out[i] = offset;
            for (int k = shape.length - 1; k >= 0 && ++index[k] == shape[k]; k--) {
                index[k] = 0;
            }
        }
        return out;
    }

    /** The multi-index of row-major logical element {@code i} in {@code shape}. */
    public static int[] unravel(long i, int[] shape) {
        int[] index = new int[shape.length];
        for (int k = shape.length - 1; k >= 0; k--) {
            index[k] = (int) (i % shape[k]);
            i /= shape[k];
        }
        return index;
    }

    /** The row-major logical position of {@code index} in {@code shape}. */
    public static long ravel(int[] index, int[] shape) {
        long i = 0;
        for (int k = 0; k < shape.length; k++) {
            i = i * shape[k] + index[k];
        }
        return i;
    }

    /** Every element of {@code view} as a double, in row-major logical order. */
    public static double[] read(View view) {
        ReferenceBuffer buffer = ReferenceBuffer.of(view.buffer());
        long[] offsets = offsets(view);
        double[] values = new double[offsets.length];
        for (int i = 0; i < offsets.length; i++) {
            values[i] = buffer.get(offsets[i]);
        }
        return values;
    }

    /**
     * An elementwise input of {@code op}, one value per element of {@code out}: a view of the same
     * shape and dtype, or a scalar rounded to the output's dtype.
     */
    public static double[] readOperand(String op, String name, Operand operand, View out) {
        if (operand instanceof Scalar s) {
            double[] values = new double[Math.toIntExact(out.size())];
            Arrays.fill(values, ReferenceBuffer.round(out.dtype(), s.value()));
            return values;
        }
        View view = (View) operand;
        requireSameShape(op, name, view, out);
        if (view.dtype() != out.dtype()) {
            throw new IllegalArgumentException(op + ": " + name + " is " + view.dtype() + " but the output is "
                    + out.dtype());
        }
        return read(view);
    }

    /** Stores {@code values} (row-major logical order) into {@code out}, rounding to its dtype. */
    public static void write(String op, View out, double[] values) {
        ReferenceBuffer buffer = ReferenceBuffer.of(out.buffer());
        long[] offsets = offsets(out);
        requireDistinct(op, out, offsets);
        for (int i = 0; i < offsets.length; i++) {
            buffer.set(offsets[i], values[i]);
        }
    }

    /** Rejects an output view that addresses one element twice (a 0-stride or overlapping output). */
    public static void requireDistinct(String op, View out, long[] offsets) {
        long[] sorted = offsets.clone();
        Arrays.sort(sorted);
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1]) {
                throw new IllegalArgumentException(op + ": output " + out + " addresses element " + sorted[i]
                        + " more than once");
            }
        }
    }

    /** Throws unless both views have the same extents. */
    public static void requireSameShape(String op, String name, View view, View out) {
        if (!view.sameShape(out)) {
            throw new IllegalArgumentException(op + ": " + name + " has shape " + Arrays.toString(view.shape())
                    + " but the output has shape " + Arrays.toString(out.shape()));
        }
    }

    /** Throws unless {@code view} holds floating-point elements. */
    public static void requireFloating(String op, String name, View view) {
        if (!view.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException(op + ": " + name + " must be FLOAT32 or FLOAT64, not " + view.dtype());
        }
    }

    /** Throws unless {@code view} has dtype {@code dtype}. */
    public static void requireDType(String op, String name, View view, DType dtype) {
        if (view.dtype() != dtype) {
            throw new IllegalArgumentException(op + ": " + name + " must be " + dtype + ", not " + view.dtype());
        }
    }

    /** Throws unless {@code view} is dense row-major (the input rule of the convolution, pooling and cell primitives). */
    public static void requireContiguous(String op, View view) {
        if (!view.isContiguous()) {
            throw new IllegalArgumentException(op + ": operands must be contiguous (dense row-major), got " + view);
        }
    }
}
