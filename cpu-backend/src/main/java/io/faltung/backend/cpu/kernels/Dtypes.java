package io.faltung.backend.cpu.kernels;

import io.faltung.spi.DType;
import io.faltung.spi.View;

/** Argument checks on element types shared by the kernels, with messages naming the op. */
final class Dtypes {
    private Dtypes() {
    }

    /** Throws unless every view has the dtype of {@code out}. */
    static void requireSame(String op, View out, View... inputs) {
        for (View v : inputs) {
            if (v.dtype() != out.dtype()) {
                throw new IllegalArgumentException(op + ": input " + v + " has dtype " + v.dtype()
                        + " but the output has dtype " + out.dtype());
            }
        }
    }

    /** Throws unless {@code view} has dtype {@code expected}. */
    static void require(String op, String role, View view, DType expected) {
        if (view.dtype() != expected) {
            throw new IllegalArgumentException(op + ": " + role + " must be " + expected + ", got " + view);
        }
    }
}
