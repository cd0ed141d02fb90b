package io.faltung.backend.cpu.kernels;

import io.faltung.backend.cpu.Parallel;
import io.faltung.spi.BinaryOp;
import io.faltung.spi.DType;
import io.faltung.spi.Operand;
import io.faltung.spi.View;

/**
 * BINARY: {@code out = op(a, b)} elementwise; operands are views of the output's shape (broadcast
 * by 0-strides, flipped by negative strides) or scalars.
 *
 * <p>FLOAT32 rows in which every operand is dense or constant (a scalar, or stride 0 along the row,
 * as in a bias add) run through {@link FloatRows} on {@link FloatLanes} (Vector API) or a float loop
 * per op. Other rows and dtypes use the double block path.
 */
public final class BinaryKernel {
    private BinaryKernel() {
    }

    /** Computes {@code out = op(a, b)}. */
    public static void run(Parallel pool, BinaryOp op, Operand a, Operand b, View out) {
        requireDtype(op, a, out);
        requireDtype(op, b, out);
        Elementwise frame = new Elementwise(op, out, a, b);
        if (out.dtype() == DType.FLOAT32 && FloatRows.fit(frame, 2)) {
            frame.run(pool, () -> new FloatRows(frame, 2, (in, at, o, oo, n) -> {
                if (VectorSupport.lanes()) {
                    FloatLanes.binary(op, in[0], at[0], in[1], at[1], o, oo, n);
                } else {
                    applyFloat(op, in[0], at[0], in[1], at[1], o, oo, n);
                }
            }));
        } else {
            frame.runBlocks(pool, (rows, n, index) -> {
                double[] o = rows[0];
                double[] x = rows[1];
                double[] y = rows[2];
                for (int i = 0; i < n; i++) {
                    o[i] = op.apply(x[i], y[i]);
                }
            });
        }
    }

    static void requireDtype(Object op, Operand operand, View out) {
        if (operand instanceof View v) {
            Dtypes.requireSame(op, out, v);
        }
    }

    /** Dense float rows: {@code o[oo + i] = op(a[ao + i], b[bo + i])} for {@code i < n}. */
    static void applyFloat(BinaryOp op, float[] a, int ao, float[] b, int bo, float[] o, int oo, int n) {
        switch (op) {
            case ADD -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = a[ao + i] + b[bo + i];
                }
            }
            case SUB -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = a[ao + i] - b[bo + i];
                }
            }
            case MUL -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = a[ao + i] * b[bo + i];
                }
            }
            case DIV -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = a[ao + i] / b[bo + i];
                }
            }
            case MAX -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = Math.max(a[ao + i], b[bo + i]);
                }
            }
            case MIN -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = Math.min(a[ao + i], b[bo + i]);
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = (float) op.apply(a[ao + i], b[bo + i]);
                }
            }
        }
    }
}
