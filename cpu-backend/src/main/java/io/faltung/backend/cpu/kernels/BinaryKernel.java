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
 * as in a bias add) run on {@link FloatLanes} (Vector API) or a float loop per op; a constant is
 * first spread into a scratch block so one dense loop serves all three cases. Other rows and dtypes
 * use the double block path.
 */
public final class BinaryKernel {
    private BinaryKernel() {
    }

    /** Computes {@code out = op(a, b)}. */
    public static void run(Parallel pool, BinaryOp op, Operand a, Operand b, View out) {
        requireDtype(op, a, out);
        requireDtype(op, b, out);
        Elementwise frame = new Elementwise(op, out, a, b);
        if (out.dtype() == DType.FLOAT32 && floatRows(frame)) {
            frame.run(pool, () -> new FloatRows(op, frame));
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

    private static boolean floatRows(Elementwise frame) {
        StridedLoop loop = frame.loop();
        if (loop.innerStride(0) != 1) {
            return false;
        }
        for (int i = 0; i < 2; i++) {
            int slot = frame.slot(i);
            if (slot >= 0 && loop.innerStride(slot) != 1 && loop.innerStride(slot) != 0) {
                return false;
            }
        }
        return true;
    }

    /** One chunk's row body on dense or constant FLOAT32 operands, with its own scratch. */
    private static final class FloatRows implements StridedLoop.Row {
        private final BinaryOp op;
        private final Elementwise frame;
        private final float[] out;
        private final float[][] arrays = new float[2][];
        private final int[] offsets = new int[2];
        private float[][] spread;

        FloatRows(BinaryOp op, Elementwise frame) {
            this.op = op;
            this.frame = frame;
            this.out = (float[]) frame.outArray();
        }

        @Override
        public void run(int[] base, int n, long index) {
            for (int from = 0; from < n; from += Rows.BLOCK) {
                int len = Math.min(Rows.BLOCK, n - from);
                for (int i = 0; i < 2; i++) {
                    int slot = frame.slot(i);
                    if (slot >= 0 && frame.loop().innerStride(slot) == 1) {
                        arrays[i] = (float[]) frame.array(i);
                        offsets[i] = base[slot] + from;
                    } else {
                        float v = slot < 0 ? (float) frame.scalar(i) : ((float[]) frame.array(i))[base[slot]];
                        arrays[i] = spread(i, v, len);
                        offsets[i] = 0;
                    }
                }
                if (VectorSupport.ENABLED) {
                    FloatLanes.binary(op, arrays[0], offsets[0], arrays[1], offsets[1], out, base[0] + from, len);
                } else {
                    applyFloat(op, arrays[0], offsets[0], arrays[1], offsets[1], out, base[0] + from, len);
                }
            }
        }

        /** Scratch row {@code i} holding {@code len} copies of {@code v}. */
        private float[] spread(int i, float v, int len) {
            if (spread == null) {
                spread = new float[2][Rows.BLOCK];
            }
            java.util.Arrays.fill(spread[i], 0, len, v);
            return spread[i];
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
