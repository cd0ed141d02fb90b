package io.faltung.testkit.reference;

import io.faltung.spi.Buffer;
import io.faltung.spi.DType;

/**
 * Heap memory of the reference backend: a {@code float[]}, {@code double[]} or {@code int[]} by
 * dtype. Every element is read as a double and rounded to the dtype when stored, so kernels
 * compute in double precision whatever the dtype.
 *
 * <p>Fresh buffers are filled with NaN (or {@link Integer#MIN_VALUE} for INT32) so that code reading
 * memory it never wrote shows up in results instead of silently reading zeros.
 */
public final class ReferenceBuffer implements Buffer {
    private final DType dtype;
    private final float[] floats;
    private final double[] doubles;
    private final int[] ints;
    private final Runnable onClose;
    private boolean closed;

    ReferenceBuffer(DType dtype, int count, Runnable onClose) {
        this.dtype = dtype;
        this.onClose = onClose;
        this.floats = dtype == DType.FLOAT32 ? new float[count] : null;
        this.doubles = dtype == DType.FLOAT64 ? new double[count] : null;
        this.ints = dtype == DType.INT32 ? new int[count] : null;
        for (int i = 0; i < count; i++) {
            set(i, dtype == DType.INT32 ? Integer.MIN_VALUE : Double.NaN);
        }
    }

    /** The buffer behind {@code buffer}, checking that it belongs to the reference backend and is open. */
    public static ReferenceBuffer of(Buffer buffer) {
        if (!(buffer instanceof ReferenceBuffer rb)) {
            throw new IllegalArgumentException("reference backend got a foreign buffer: "
                    + (buffer == null ? "null" : buffer.getClass().getName()));
        }
        rb.requireOpen();
        return rb;
    }

    /** {@code value} as it would be stored in an element of {@code dtype}, widened back to double. */
    public static double round(DType dtype, double value) {
        return switch (dtype) {
            case FLOAT32 -> (float) value;
            case FLOAT64 -> value;
            case INT32 -> (int) value;
        };
    }

    /** Element {@code index} as a double. */
    public double get(long index) {
        int i = Math.toIntExact(index);
        return switch (dtype) {
            case FLOAT32 -> floats[i];
            case FLOAT64 -> doubles[i];
            case INT32 -> ints[i];
        };
    }

    /** Stores {@code value} at {@code index}, rounded to the dtype (INT32 truncates toward zero). */
    public void set(long index, double value) {
        int i = Math.toIntExact(index);
        switch (dtype) {
            case FLOAT32 -> floats[i] = (float) value;
            case FLOAT64 -> doubles[i] = value;
            case INT32 -> ints[i] = (int) value;
        }
    }

    float[] floats() {
        return floats;
    }

    double[] doubles() {
        return doubles;
    }

    int[] ints() {
        return ints;
    }

    void requireOpen() {
        if (closed) {
            throw new IllegalStateException("reference buffer of " + size() + " " + dtype + " used after close()");
        }
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public long size() {
        return switch (dtype) {
            case FLOAT32 -> floats.length;
            case FLOAT64 -> doubles.length;
            case INT32 -> ints.length;
        };
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            onClose.run();
        }
    }

    @Override
    public String toString() {
        return "ReferenceBuffer(" + size() + " " + dtype + (closed ? ", closed)" : ")");
    }
}
