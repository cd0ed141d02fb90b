package io.faltung.backend.cpu.kernels;

import io.faltung.spi.View;

import java.util.Arrays;

/**
 * Argument checks of the primitives that take dense row-major operands only (convolution, pooling,
 * recurrent cells): shape, one floating dtype for all, contiguity. Offsets are allowed; the kernels
 * index from {@link View#offset()}.
 */
final class DenseOperands {
    private DenseOperands() {
    }

    /** Throws unless {@code view} has {@code shape}, the dtype of {@code first} (FLOAT32 or FLOAT64) and is contiguous. */
    static void require(String op, String role, View view, int[] shape, View first) {
        if (!Arrays.equals(view.shape(), shape)) {
            throw new IllegalArgumentException(op + ": " + role + " must have shape " + Arrays.toString(shape) + ", got "
                    + view);
        }
        if (!first.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException(op + " supports FLOAT32 and FLOAT64, got " + first);
        }
        Dtypes.require(op, role, view, first.dtype());
        if (!view.isContiguous()) {
            throw new IllegalArgumentException(op + ": " + role + " must be contiguous (dense row-major), got " + view);
        }
    }

    /** The view's offset as an array index. */
    static int offset(View view) {
        return Math.toIntExact(view.offset());
    }
}
