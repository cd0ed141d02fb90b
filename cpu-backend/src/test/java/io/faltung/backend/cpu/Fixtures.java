package io.faltung.backend.cpu;

import io.faltung.spi.Buffer;
import io.faltung.spi.DType;
import io.faltung.spi.View;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Test fixtures: buffers filled with seeded values, odd views onto them, and element access by index. */
final class Fixtures {
    final CpuBackend backend;
    final Random random = new Random(42);

    Fixtures(CpuBackend backend) {
        this.backend = backend;
    }

    /** A buffer of {@code size} elements of {@code dtype} holding seeded values in [-2, 2) (ints in [-5, 5)). */
    Buffer buffer(DType dtype, int size) {
        Buffer b = backend.allocate(dtype, size);
        switch (dtype) {
            case FLOAT32 -> {
                float[] v = new float[size];
                for (int i = 0; i < size; i++) {
                    v[i] = random.nextFloat() * 4 - 2;
                }
                backend.upload(v, 0, b, 0, size);
            }
            case FLOAT64 -> {
                double[] v = new double[size];
                for (int i = 0; i < size; i++) {
                    v[i] = random.nextDouble() * 4 - 2;
                }
                backend.upload(v, 0, b, 0, size);
            }
            case INT32 -> {
                int[] v = new int[size];
                for (int i = 0; i < size; i++) {
                    v[i] = random.nextInt(10) - 5;
                }
                backend.upload(v, 0, b, 0, size);
            }
        }
        return b;
    }

    /** A dense row-major view with seeded contents. */
    View dense(DType dtype, int... shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return View.contiguous(buffer(dtype, Math.max(n, 1)), shape);
    }

    /**
     * A view of {@code shape} whose axes are laid out in the reverse order, padded by one element per
     * axis and with axis 0 flipped: about as non-contiguous as a view gets.
     */
    View awkward(DType dtype, int... shape) {
        int rank = shape.length;
        int[] strides = new int[rank];
        int s = 1;
        for (int k = 0; k < rank; k++) {
            strides[k] = s;
            s *= shape[k] + 1;
        }
        Buffer b = buffer(dtype, s + 3);
        long offset = 3;
        if (rank > 0 && shape[0] > 0) {
            offset += (long) (shape[0] - 1) * strides[0];
            strides[0] = -strides[0];
        }
        return new View(b, shape.clone(), strides, offset);
    }

    /** Reads element {@code idx} of {@code v} as a double. */
    double get(View v, int... idx) {
        return data(v.buffer())[offset(v, idx)];
    }

    /** The whole buffer as doubles. */
    double[] data(Buffer b) {
        int n = Math.toIntExact(b.size());
        double[] out = new double[n];
        switch (b.dtype()) {
            case FLOAT32 -> {
                float[] x = new float[n];
                backend.download(b, 0, x, 0, n);
                for (int i = 0; i < n; i++) {
                    out[i] = x[i];
                }
            }
            case FLOAT64 -> backend.download(b, 0, out, 0, n);
            case INT32 -> {
                int[] x = new int[n];
                backend.download(b, 0, x, 0, n);
                for (int i = 0; i < n; i++) {
                    out[i] = x[i];
                }
            }
        }
        return out;
    }

    /** Writes element {@code idx} of {@code v}. */
    void set(View v, double value, int... idx) {
        int at = offset(v, idx);
        switch (v.dtype()) {
            case FLOAT32 -> backend.upload(new float[] {(float) value}, 0, v.buffer(), at, 1);
            case FLOAT64 -> backend.upload(new double[] {value}, 0, v.buffer(), at, 1);
            case INT32 -> backend.upload(new int[] {(int) value}, 0, v.buffer(), at, 1);
        }
    }

    static int offset(View v, int... idx) {
        long at = v.offset();
        for (int k = 0; k < idx.length; k++) {
            at += (long) idx[k] * v.strides()[k];
        }
        return Math.toIntExact(at);
    }

    /** Every multi-index of {@code shape} in row-major order. */
    static List<int[]> indices(int... shape) {
        List<int[]> out = new ArrayList<>();
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        for (int flat = 0; flat < n; flat++) {
            int[] idx = new int[shape.length];
            int rem = flat;
            for (int k = shape.length - 1; k >= 0; k--) {
                idx[k] = rem % shape[k];
                rem /= shape[k];
            }
            out.add(idx);
        }
        return out;
    }

    /** Rounds a double to what a view of {@code dtype} stores. */
    static double stored(DType dtype, double v) {
        return switch (dtype) {
            case FLOAT32 -> (float) v;
            case FLOAT64 -> v;
            case INT32 -> (int) v;
        };
    }
}
