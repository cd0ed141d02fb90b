package io.faltung.backend.cpu.kernels;

import io.faltung.backend.cpu.Parallel;
import io.faltung.spi.Operand;
import io.faltung.spi.View;

/**
 * WHERE: {@code out = cond != 0 ? a : b} elementwise. The condition may have any dtype (NaN counts
 * as non-zero); {@code a} and {@code b} have the output's dtype. Masks and clamps are cheap next to
 * the ops that produce them, so this kernel has only the generic double block path.
 */
public final class WhereKernel {
    private WhereKernel() {
    }

    /** Computes {@code out = cond != 0 ? a : b}. */
    public static void run(Parallel pool, View cond, Operand a, Operand b, View out) {
        BinaryKernel.requireDtype("where", a, out);
        BinaryKernel.requireDtype("where", b, out);
        Elementwise frame = new Elementwise("where", out, cond, a, b);
        frame.runBlocks(pool, (rows, n, index) -> {
            double[] o = rows[0];
            double[] c = rows[1];
            double[] x = rows[2];
            double[] y = rows[3];
            for (int i = 0; i < n; i++) {
                o[i] = c[i] != 0 ? x[i] : y[i];
            }
        });
    }
}
