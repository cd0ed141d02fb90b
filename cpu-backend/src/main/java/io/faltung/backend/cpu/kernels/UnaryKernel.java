package io.faltung.backend.cpu.kernels;

import io.faltung.backend.cpu.Parallel;
import io.faltung.spi.DType;
import io.faltung.spi.UnaryOp;
import io.faltung.spi.View;

/**
 * UNARY: {@code out = op(x)} elementwise, same shape and dtype.
 *
 * <p>Rows where both views are dense and FLOAT32 run on {@link FloatLanes} (Vector API) or a float
 * loop per op (cheap ops stay in float, which gives the same bits as the double definition rounded
 * once); everything else goes through the double-precision block path of {@link Elementwise}.
 */
public final class UnaryKernel {
    private UnaryKernel() {
    }

    /** Computes {@code out = op(x)}. */
    public static void run(Parallel pool, UnaryOp op, View x, View out) {
        Dtypes.requireSame(op, out, x);
        Elementwise frame = new Elementwise(op, out, x);
        StridedLoop loop = frame.loop();
        if (out.dtype() == DType.FLOAT32 && loop.innerStride(0) == 1 && loop.innerStride(1) == 1) {
            float[] xs = (float[]) frame.array(0);
            float[] os = (float[]) frame.outArray();
            frame.run(pool, () -> (base, n, index) -> dense(op, xs, base[1], os, base[0], n));
        } else {
            frame.runBlocks(pool, (rows, n, index) -> {
                double[] o = rows[0];
                double[] in = rows[1];
                for (int i = 0; i < n; i++) {
                    o[i] = op.apply(in[i]);
                }
            });
        }
    }

    private static void dense(UnaryOp op, float[] x, int xo, float[] o, int oo, int n) {
        if (VectorSupport.lanes()) {
            FloatLanes.unary(op, x, xo, o, oo, n);
        } else {
            applyFloat(op, x, xo, o, oo, n);
        }
    }

    /** Dense float rows: {@code o[oo + i] = op(x[xo + i])} for {@code i < n}. */
    static void applyFloat(UnaryOp op, float[] x, int xo, float[] o, int oo, int n) {
        switch (op) {
            case NEG -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = -x[xo + i];
                }
            }
            case ABS -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = Math.abs(x[xo + i]);
                }
            }
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    float v = x[xo + i];
                    o[oo + i] = v > 0 ? v : 0f;
                }
            }
            case SQRT -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = (float) Math.sqrt(x[xo + i]);
                }
            }
            case EXP -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = (float) Math.exp(x[xo + i]);
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = (float) op.apply(x[xo + i]);
                }
            }
        }
    }
}
