package io.faltung.backend.cuda;

import io.faltung.spi.DType;
import io.faltung.spi.View;
import java.util.Arrays;

/**
 * Argument checks shared by the CUDA primitives, so that bad input fails in Java with a message
 * naming the op instead of reaching a kernel. ({@link View}'s constructor already bounds-checks.)
 */
final class ViewChecks {
    private ViewChecks() {
    }

    /** Throws unless both views have the same extents. */
    static void sameShape(String op, String name, View view, View out) {
        if (!view.sameShape(out)) {
            throw new IllegalArgumentException(op + ": " + name + " has shape " + Arrays.toString(view.shape())
                    + " but the output has shape " + Arrays.toString(out.shape()));
        }
    }

    /** Throws unless {@code view} has extents {@code expected}. */
    static void shape(String op, String name, View view, int... expected) {
        if (!Arrays.equals(view.shape(), expected)) {
            throw new IllegalArgumentException(op + ": " + name + " has shape " + Arrays.toString(view.shape())
                    + " but " + Arrays.toString(expected) + " is required");
        }
    }

    /** Throws unless {@code view} holds {@code dtype}. */
    static void dtype(String op, String name, View view, DType dtype) {
        if (view.dtype() != dtype) {
            throw new IllegalArgumentException(op + ": " + name + " is " + view.dtype() + " but " + dtype + " is required");
        }
    }

    /** Throws unless {@code view} holds FLOAT32 or FLOAT64. */
    static void floating(String op, String name, View view) {
        if (!view.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException(op + ": " + name + " must be FLOAT32 or FLOAT64, not " + view.dtype());
        }
    }

    /** Throws if an output view addresses an element twice through a 0 stride. */
    static void writable(String op, View out) {
        for (int k = 0; k < out.rank(); k++) {
            if (out.strides()[k] == 0 && out.shape()[k] > 1) {
                throw new IllegalArgumentException(op + ": output " + out + " has stride 0 on axis " + k
                        + ", so it addresses elements more than once");
            }
        }
    }

    /** Throws unless {@code view} is dense row-major (as conv, pool and cell kernels need). */
    static void contiguous(String op, String name, View view) {
        if (!view.isContiguous()) {
            throw new IllegalArgumentException(op + ": " + name + " " + view + " must be contiguous (row-major, dense);"
                    + " make it contiguous with a copy first");
        }
    }

    /** Throws unless {@code view} has rank {@code rank}. */
    static void rank(String op, String name, View view, int rank) {
        if (view.rank() != rank) {
            throw new IllegalArgumentException(op + ": " + name + " must have rank " + rank + ", got shape "
                    + Arrays.toString(view.shape()));
        }
    }
}
