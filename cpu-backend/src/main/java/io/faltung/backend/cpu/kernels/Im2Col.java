package io.faltung.backend.cpu.kernels;

import java.util.Arrays;

/**
 * Lowering of images for convolution by GEMM. {@link #im2col} writes, for one image, the matrix
 * {@code cols [c·r·s, p·q]} with {@code cols[(ci·r + ri)·s + si][pi·q + qi] = x[ci, pi·sh − ph + ri·dh, qi·sw − pw + si·dw]}
 * (zero where that lands in the padding), so that the convolution of the image is
 * {@code W [k, c·r·s] · cols}; {@link #col2im} is its adjoint, summing each column entry back into
 * the input position it was read from.
 *
 * <p>Shaped for speed without per-element index tests: for each (row of the lowered matrix, output
 * row) the output columns whose input lies inside the image form one interval, computed once; the
 * interval is a strided copy (an {@code arraycopy} at stride 1) and the rest is zero-filled. Arrays
 * are {@code float[]} or {@code double[]}; the few typed loops live at the bottom.
 */
final class Im2Col {
    private Im2Col() {
    }

    /**
     * Lowers the image starting at {@code x[xOffset]} into the {@code [c·r·s, p·q]} block at
     * {@code cols[at]} of a matrix whose rows hold {@code ld} elements (several images side by side).
     */
    static void im2col(ConvGeometry g, Object x, int xOffset, Object cols, int at, int ld) {
        segments(g, at, ld, (start, from, lo, hi) -> {
            if (from < 0 || hi == lo) {
                zero(cols, start, start + g.q());
                return;
            }
            if (lo > 0) {
                zero(cols, start, start + lo);
            }
            gather(x, xOffset + from, g.spec().strideW(), cols, start + lo, hi - lo);
            if (hi < g.q()) {
                zero(cols, start + hi, start + g.q());
            }
        });
    }

    /** Adds the block of {@link #im2col}'s layout back: the {@code dx} image at {@code dxOffset} = col2im(block), overwritten. */
    static void col2im(ConvGeometry g, Object cols, int at, int ld, Object dx, int dxOffset) {
        zero(dx, dxOffset, dxOffset + g.imageSize());
        segments(g, at, ld, (start, from, lo, hi) -> {
            if (from >= 0 && hi > lo) {
                addStrided(cols, start + lo, dx, dxOffset + from, g.spec().strideW(), hi - lo);
            }
        });
    }

    /**
     * One row segment of the lowered matrix: it starts at {@code start}; its columns {@code [lo, hi)}
     * read the image from element {@code from} on with the width stride ({@code from < 0}: the
     * whole segment lies in the padding); the other columns are padding.
     */
    @FunctionalInterface
    private interface Segment {
        void run(int start, int from, int lo, int hi);
    }

    /** Every (lowered row, output row) segment of the block at {@code at} with rows of {@code ld}, in order. */
    private static void segments(ConvGeometry g, int at, int ld, Segment segment) {
        int sw = g.spec().strideW();
        int row = 0;
        for (int ci = 0; ci < g.c(); ci++) {
            for (int ri = 0; ri < g.r(); ri++) {
                for (int si = 0; si < g.s(); si++, row++) {
                    int shift = si * g.spec().dilationW() - g.spec().padW();
                    int lo = firstInside(shift, sw, g.q());
                    int hi = Math.max(lo, endInside(shift, sw, g.w(), g.q()));
                    for (int pi = 0; pi < g.p(); pi++) {
                        int hIn = pi * g.spec().strideH() - g.spec().padH() + ri * g.spec().dilationH();
                        boolean inside = hIn >= 0 && hIn < g.h();
                        segment.run(at + row * ld + pi * g.q(), inside ? (ci * g.h() + hIn) * g.w() + lo * sw + shift : -1,
                                lo, hi);
                    }
                }
            }
        }
    }

    /** First output column {@code qi ≥ 0} with {@code qi·stride + shift ≥ 0} (at most {@code q}). */
    private static int firstInside(int shift, int stride, int q) {
        return Math.min(q, Math.max(0, -Math.floorDiv(shift, stride)));
    }

    /** One past the last output column {@code qi < q} with {@code qi·stride + shift < width}. */
    private static int endInside(int shift, int stride, int width, int q) {
        return Math.min(q, Math.max(0, Math.floorDiv(width - 1 - shift, stride) + 1));
    }

    // ---- typed loops: float[] or double[] ---------------------------------------------------------

    /** {@code a[from .. to) = 0}. */
    static void zero(Object a, int from, int to) {
        if (a instanceof float[] f) {
            Arrays.fill(f, from, to, 0f);
        } else {
            Arrays.fill((double[]) a, from, to, 0d);
        }
    }

    /** {@code dst[to .. to + n) = src[from .. from + n)}. */
    static void copy(Object src, int from, Object dst, int to, int n) {
        gather(src, from, 1, dst, to, n);
    }

    /**
     * {@code dst[to + i] = src[from + i·stride]} for {@code i < n}. The copies are written on typed
     * arrays: an {@code arraycopy} of statically unknown array types takes a slow generic path.
     */
    private static void gather(Object src, int from, int stride, Object dst, int to, int n) {
        if (src instanceof float[] s) {
            float[] d = (float[]) dst;
            if (stride == 1) {
                System.arraycopy(s, from, d, to, n);
                return;
            }
            for (int i = 0; i < n; i++) {
                d[to + i] = s[from + i * stride];
            }
        } else {
            double[] s = (double[]) src;
            double[] d = (double[]) dst;
            if (stride == 1) {
                System.arraycopy(s, from, d, to, n);
                return;
            }
            for (int i = 0; i < n; i++) {
                d[to + i] = s[from + i * stride];
            }
        }
    }

    /**
     * {@code dst[to + i·stride] += src[from + i]} for {@code i < n}. At stride 1 FLOAT32 goes through
     * {@link FloatLanes} when the Vector API is on: C2 leaves this loop scalar (it cannot rule out
     * that the arrays overlap), and col2im's runs of one output row (8 elements for LeNet's conv2)
     * made it a quarter of conv2's time.
     */
    static void addStrided(Object src, int from, Object dst, int to, int stride, int n) {
        if (stride == 1 && src instanceof float[] s) {
            float[] d = (float[]) dst;
            if (VectorSupport.ENABLED) {
                FloatLanes.binary(io.faltung.spi.BinaryOp.ADD, d, to, s, from, d, to, n);
                return;
            }
            for (int i = 0; i < n; i++) {
                d[to + i] += s[from + i];
            }
        } else if (src instanceof float[] s) {
            float[] d = (float[]) dst;
            for (int i = 0; i < n; i++) {
                d[to + i * stride] += s[from + i];
            }
        } else {
            double[] s = (double[]) src;
            double[] d = (double[]) dst;
            for (int i = 0; i < n; i++) {
                d[to + i * stride] += s[from + i];
            }
        }
    }
}
