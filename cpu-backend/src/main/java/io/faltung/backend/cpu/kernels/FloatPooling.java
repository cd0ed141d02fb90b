package io.faltung.backend.cpu.kernels;

import io.faltung.spi.DType;
import io.faltung.spi.PoolSpec;

import java.util.Arrays;

/**
 * FLOAT32 pooling of one (image, channel) plane straight on the heap arrays: no widening to double,
 * no call per window. The clipped window of every output row and column is computed once per call
 * ({@code rowFrom}/{@code rowTo}, {@code colFrom}/{@code colTo}), so the inner loops test no padding.
 *
 * <p>MAX keeps the SPI rule "first maximum in row-major order wins, NaN counts as largest" with one
 * comparison per element in the usual case: {@code !(v <= m) && m == m} is "v is larger, or v is
 * NaN while the best so far is not". The LeNet case (2×2 windows, stride 2, no padding) has its own
 * loop over the four elements. Averages sum in double (as the FLOAT64 path) and divide once; their
 * backward spreads {@code dy / divisor} over the window, accumulated in float. With the Vector API
 * the 2×2 rows go through {@link PoolLanes} (values and, for backward, which of the four won); the
 * windows it leaves, and everything without it, take the scalar loops.
 */
final class FloatPooling {
    private final PoolSpec spec;
    private final int h;
    private final int w;
    private final int p;
    private final int q;
    private final int[] rowFrom;
    private final int[] rowTo;
    private final int[] colFrom;
    private final int[] colTo;
    /** 2×2 windows at stride 2 with no padding: every window lies inside the image. */
    private final boolean pairs;

    FloatPooling(PoolSpec spec, int h, int w, int p, int q) {
        this.spec = spec;
        this.h = h;
        this.w = w;
        this.p = p;
        this.q = q;
        this.rowFrom = new int[p];
        this.rowTo = new int[p];
        this.colFrom = new int[q];
        this.colTo = new int[q];
        clip(rowFrom, rowTo, spec.strideH(), spec.padH(), spec.windowH(), h);
        clip(colFrom, colTo, spec.strideW(), spec.padW(), spec.windowW(), w);
        this.pairs = spec.windowH() == 2 && spec.windowW() == 2 && spec.strideH() == 2 && spec.strideW() == 2
                && spec.padH() == 0 && spec.padW() == 0;
    }

    private static void clip(int[] from, int[] to, int stride, int pad, int window, int extent) {
        for (int i = 0; i < from.length; i++) {
            int start = i * stride - pad;
            from[i] = Math.max(0, start);
            to[i] = Math.min(extent, start + window);
        }
    }

    /** Pools planes {@code [start, end)} of {@code x} (from {@code xo}) into {@code y} (from {@code yo}). */
    void forward(long start, long end, float[] x, int xo, float[] y, int yo) {
        boolean max = spec.mode() == PoolSpec.Mode.MAX;
        float[] values = max && pairs && VectorSupport.lanes() ? (float[]) Scratch.array(Scratch.Slot.ROW_A, DType.FLOAT32, 2 * q) : null;
        for (int plane = (int) start; plane < end; plane++) {
            int xb = xo + plane * h * w;
            int yb = yo + plane * p * q;
            for (int pi = 0; pi < p; pi++) {
                int out = yb + pi * q;
                if (max && pairs) {
                    int row = xb + 2 * pi * w;
                    int done = values == null ? 0 : PoolLanes.maxRow(x, row, w, q, values, null);
                    for (int qi = 0; qi < done; qi++) {
                        y[out + qi] = values[2 * qi];
                    }
                    for (int qi = done; qi < q; qi++) {
                        y[out + qi] = x[firstMaxOfFour(x, row + 2 * qi, w)];
                    }
                    continue;
                }
                for (int qi = 0; qi < q; qi++) {
                    y[out + qi] = max ? x[firstMax(x, xb, pi, qi)] : (float) (sum(x, xb, pi, qi) / divisor(pi, qi));
                }
            }
        }
    }

    /** Writes planes {@code [start, end)} of {@code dx} (overwritten) from {@code x} and {@code dy}. */
    void backward(long start, long end, float[] x, int xo, float[] dy, int dyo, float[] dx, int dxo) {
        boolean max = spec.mode() == PoolSpec.Mode.MAX;
        float[] codes = max && pairs && VectorSupport.lanes() ? (float[]) Scratch.array(Scratch.Slot.ROW_A, DType.FLOAT32, 2 * q) : null;
        float[] values = codes == null ? null : (float[]) Scratch.array(Scratch.Slot.ROW_B, DType.FLOAT32, 2 * q);
        for (int plane = (int) start; plane < end; plane++) {
            int xb = xo + plane * h * w;
            int db = dxo + plane * h * w;
            int gb = dyo + plane * p * q;
            Arrays.fill(dx, db, db + h * w, 0f);
            for (int pi = 0; pi < p; pi++) {
                int gr = gb + pi * q;
                if (max && pairs) {
                    int row = 2 * pi * w;
                    int done = codes == null ? 0 : PoolLanes.maxRow(x, xb + row, w, q, values, codes);
                    for (int qi = 0; qi < done; qi++) {
                        int c = (int) codes[2 * qi];
                        dx[db + row + 2 * qi + (c & 1) + (c >> 1) * w] = dy[gr + qi];
                    }
                    for (int qi = done; qi < q; qi++) {
                        dx[db + firstMaxOfFour(x, xb + row + 2 * qi, w) - xb] = dy[gr + qi];
                    }
                    continue;
                }
                for (int qi = 0; qi < q; qi++) {
                    if (max) {
                        dx[db + firstMax(x, xb, pi, qi) - xb] += dy[gr + qi];
                    } else {
                        spread(dx, db, pi, qi, dy[gr + qi] / divisor(pi, qi));
                    }
                }
            }
        }
    }

    /** Adds {@code share} to every element of output (pi, qi)'s clipped window in the plane at {@code db}. */
    private void spread(float[] dx, int db, int pi, int qi, double share) {
        for (int r = rowFrom[pi]; r < rowTo[pi]; r++) {
            for (int i = db + r * w + colFrom[qi], end = db + r * w + colTo[qi]; i < end; i++) {
                dx[i] = (float) (dx[i] + share);
            }
        }
    }

    /** Array index of the first maximum of the 2×2 window whose top-left element is {@code x[i]}. */
    static int firstMaxOfFour(float[] x, int i, int width) {
        int best = i;
        float m = x[i];
        float v = x[i + 1];
        if (!(v <= m) && m == m) {
            m = v;
            best = i + 1;
        }
        v = x[i + width];
        if (!(v <= m) && m == m) {
            m = v;
            best = i + width;
        }
        v = x[i + width + 1];
        if (!(v <= m) && m == m) {
            best = i + width + 1;
        }
        return best;
    }

    /** Array index of the first maximum of output (pi, qi)'s clipped window in the plane at {@code xb}. */
    private int firstMax(float[] x, int xb, int pi, int qi) {
        int best = xb + rowFrom[pi] * w + colFrom[qi];
        float m = x[best];
        for (int r = rowFrom[pi]; r < rowTo[pi]; r++) {
            for (int i = xb + r * w + colFrom[qi], end = xb + r * w + colTo[qi]; i < end; i++) {
                float v = x[i];
                if (!(v <= m) && m == m) {
                    m = v;
                    best = i;
                }
            }
        }
        return best;
    }

    private double sum(float[] x, int xb, int pi, int qi) {
        double s = 0;
        for (int r = rowFrom[pi]; r < rowTo[pi]; r++) {
            for (int i = xb + r * w + colFrom[qi], end = xb + r * w + colTo[qi]; i < end; i++) {
                s += x[i];
            }
        }
        return s;
    }

    private double divisor(int pi, int qi) {
        return spec.mode() == PoolSpec.Mode.AVG_INCLUDE_PADDING ? spec.windowH() * spec.windowW()
                : (rowTo[pi] - rowFrom[pi]) * (colTo[qi] - colFrom[qi]);
    }
}
