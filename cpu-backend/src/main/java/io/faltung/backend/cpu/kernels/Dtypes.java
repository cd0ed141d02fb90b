package io.faltung.backend.cpu.kernels;

import io.faltung.spi.DType;
import io.faltung.spi.View;

/** Argument checks on element types shared by the kernels, with messages naming the op. */
final class Dtypes {
    private Dtypes() {
    }

    /**
     * Names an op for messages: an enum constant as {@code "BinaryOp ADD"}, anything else as is.
     * Callers pass the op itself so that no string is built unless a check fails.
     */
    static String describe(Object op) {
        return op instanceof Enum<?> e ? e.getDeclaringClass().getSimpleName() + " " + e.name() : String.valueOf(op);
    }

    /** Throws unless every view has the dtype of {@code out}. */
    static void requireSame(Object op, View out, View... inputs) {
        for (View v : inputs) {
            if (v.dtype() != out.dtype()) {
                throw new IllegalArgumentException(describe(op) + ": input " + v + " has dtype " + v.dtype()
                        + " but the output has dtype " + out.dtype());
            }
        }
    }

    /** Throws unless {@code view} has dtype {@code expected}. */
    static void require(Object op, String role, View view, DType expected) {
        if (view.dtype() != expected) {
            throw new IllegalArgumentException(describe(op) + ": " + role + " must be " + expected + ", got " + view);
        }
    }
}
