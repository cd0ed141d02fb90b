package io.faltung.backend.cpu.kernels;

import io.faltung.backend.cpu.Parallel;
import io.faltung.spi.DType;
import io.faltung.spi.Operand;
import io.faltung.spi.View;

/**
 * WHERE: {@code out = cond != 0 ? a : b} elementwise. The condition may have any dtype (NaN counts
 * as non-zero); {@code a} and {@code b} have the output's dtype. All-FLOAT32 rows that are dense or
 * constant (the ReLU gradient {@code where(y, dy, 0)}) run through {@link FloatRows} as one blend
 * per vector; everything else takes the generic double block path.
 */
public final class WhereKernel {
    private WhereKernel() {
    }

    /** Computes {@code out = cond != 0 ? a : b}. */
    public static void run(Parallel pool, View cond, Operand a, Operand b, View out) {
        BinaryKernel.requireDtype("where", a, out);
        BinaryKernel.requireDtype("where", b, out);
        Elementwise frame = new Elementwise("where", out, cond, a, b);
        if (out.dtype() == DType.FLOAT32 && FloatRows.fit(frame, 3)) {
            frame.run(pool, () -> new FloatRows(frame, 3, (in, at, o, oo, n) -> {
                int done = VectorSupport.lanes() ? FloatLanes.where(in[0], at[0], in[1], at[1], in[2], at[2], o, oo, n) : 0;
                for (int i = done; i < n; i++) {
                    o[oo + i] = in[0][at[0] + i] != 0 ? in[1][at[1] + i] : in[2][at[2] + i];
                }
            }));
            return;
        }
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
