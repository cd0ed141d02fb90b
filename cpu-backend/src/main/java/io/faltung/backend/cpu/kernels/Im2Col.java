package io.faltung.backend.cpu.kernels;

import java.util.Arrays;

/**
 * Lowering of images for convolution by GEMM. {@link #im2col} writes, for one image, the matrix
 * {@code cols [c·r·s, p·q]} with {@code cols[(ci·r + ri)·s + si][pi·q + qi] = x[ci, pi·sh − ph + ri·dh, qi·sw − pw + si·dw]}
 * (zero where that lands in the padding), so that the convolution of the image is
 * {@code W [k, c·r·s] · cols}; {@link #col2im} is its adjoint, summing each column entry back into
 * the input position it was read from.
 *
 * <p>Shaped for speed without per-element index tests: for each row of the lowered matrix (one
 * channel and filter tap), the output positions whose input lies inside the image form one
 * rectangle — an interval of output rows times an interval of output columns — computed once; it is
 * moved as a strided 2-D block (an {@code arraycopy} per output row at width stride 1) and, only
 * when the rectangle does not cover the whole row, the row is zero-filled first. A callback per
 * output row, as before, was a quarter of LeNet conv2's time: its runs are 8 elements long. The
 * loops are plain Java on purpose: 8-lane Vector-API moves here were no faster in isolation, and
 * with them the 16-lane GEMM micro-kernel's stores ran on the Vector API's Java fallback
 * ({@code stOp}) in LeNet conv2 (3× slower). Arrays are {@code float[]} or {@code double[]}; the
 * few typed loops live at the bottom.
 */
final class Im2Col {
    private Im2Col() {
    }

    /**
     * Lowers the image starting at {@code x[xOffset]} into the {@code [c·r·s, p·q]} block at
     * {@code cols[at]} of a matrix whose rows hold {@code ld} elements (several images side by side).
     */
    static void im2col(ConvGeometry g, Object x, int xOffset, Object cols, int at, int ld) {
        int plane = g.outputPlane();
        rectangles(g, (row, from, firstP, rows, lo, hi) -> {
            int rowStart = at + row * ld;
            if (rows < g.p() || hi - lo < g.q()) {
                zero(cols, rowStart, rowStart + plane);
            }
            if (rows > 0 && hi > lo) {
                gatherRect(x, xOffset + from, g.spec().strideH() * g.w(), g.spec().strideW(),
                        cols, rowStart + firstP * g.q() + lo, g.q(), rows, hi - lo);
            }
        });
    }

    /** Adds the block of {@link #im2col}'s layout back: the {@code dx} image at {@code dxOffset} = col2im(block), overwritten. */
    static void col2im(ConvGeometry g, Object cols, int at, int ld, Object dx, int dxOffset) {
        zero(dx, dxOffset, dxOffset + g.imageSize());
        rectangles(g, (row, from, firstP, rows, lo, hi) -> {
            if (rows > 0 && hi > lo) {
                addRect(cols, at + row * ld + firstP * g.q() + lo, g.q(), dx, dxOffset + from,
                        g.spec().strideH() * g.w(), g.spec().strideW(), rows, hi - lo);
            }
        });
    }

    /**
     * The inside rectangle of one lowered row: output rows {@code [firstP, firstP + rows)} times
     * output columns {@code [lo, hi)} read the image from element {@code from} on (the image element
     * of output position {@code (firstP, lo)}); every other output position of the row is padding.
     * {@code from} is meaningless when the rectangle is empty.
     */
    @FunctionalInterface
    private interface Rectangle {
        void run(int row, int from, int firstP, int rows, int lo, int hi);
    }

    /** The inside rectangle of every lowered row {@code (ci·r + ri)·s + si}, in order. */
    private static void rectangles(ConvGeometry g, Rectangle rectangle) {
        int sw = g.spec().strideW();
        int sh = g.spec().strideH();
        int row = 0;
        for (int ci = 0; ci < g.c(); ci++) {
            for (int ri = 0; ri < g.r(); ri++) {
                int shiftH = ri * g.spec().dilationH() - g.spec().padH();
                int firstP = firstInside(shiftH, sh, g.p());
                int endP = Math.max(firstP, endInside(shiftH, sh, g.h(), g.p()));
                for (int si = 0; si < g.s(); si++, row++) {
                    int shift = si * g.spec().dilationW() - g.spec().padW();
                    int lo = firstInside(shift, sw, g.q());
                    int hi = Math.max(lo, endInside(shift, sw, g.w(), g.q()));
                    int from = (ci * g.h() + firstP * sh + shiftH) * g.w() + lo * sw + shift;
                    rectangle.run(row, from, firstP, endP - firstP, lo, hi);
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
        if (src instanceof float[] s) {
            System.arraycopy(s, from, (float[]) dst, to, n);
        } else {
            System.arraycopy((double[]) src, from, (double[]) dst, to, n);
        }
    }

    /**
     * {@code dst[to + j·dstStep + i] = src[from + j·srcStep + i·stride]} for {@code j < rows, i < n}.
     * The copies are written on typed arrays: an {@code arraycopy} of statically unknown array types
     * takes a slow generic path.
     */
    private static void gatherRect(Object src, int from, int srcStep, int stride, Object dst, int to, int dstStep,
            int rows, int n) {
        if (src instanceof float[] s) {
            float[] d = (float[]) dst;
            if (stride == 1) {
                for (int j = 0; j < rows; j++) {
                    System.arraycopy(s, from + j * srcStep, d, to + j * dstStep, n);
                }
                return;
            }
            for (int j = 0; j < rows; j++) {
                int sj = from + j * srcStep;
                int dj = to + j * dstStep;
                for (int i = 0; i < n; i++) {
                    d[dj + i] = s[sj + i * stride];
                }
            }
        } else {
            double[] s = (double[]) src;
            double[] d = (double[]) dst;
            for (int j = 0; j < rows; j++) {
                int sj = from + j * srcStep;
                int dj = to + j * dstStep;
                for (int i = 0; i < n; i++) {
                    d[dj + i] = s[sj + i * stride];
                }
            }
        }
    }

    /** {@code dst[to + j·dstStep + i·stride] += src[from + j·srcStep + i]} for {@code j < rows, i < n}. */
    private static void addRect(Object src, int from, int srcStep, Object dst, int to, int dstStep, int stride,
            int rows, int n) {
        if (stride == 1 && src instanceof float[] s) {
            float[] d = (float[]) dst;
            for (int j = 0; j < rows; j++) {
                int sj = from + j * srcStep;
                int dj = to + j * dstStep;
                for (int i = 0; i < n; i++) {
                    d[dj + i] += s[sj + i];
                }
            }
            return;
        }
        for (int j = 0; j < rows; j++) {
            addStrided(src, from + j * srcStep, dst, to + j * dstStep, stride, n);
        }
    }

    /**
     * {@code dst[to + i·stride] += src[from + i]} for {@code i < n}. At stride 1 FLOAT32 goes through
     * {@link FloatLanes} when the Vector API is on: C2 leaves this loop scalar (it cannot rule out
     * that the arrays overlap); it sums backward-filter's long partial gradients.
     */
    static void addStrided(Object src, int from, Object dst, int to, int stride, int n) {
        if (stride == 1 && src instanceof float[] s) {
            float[] d = (float[]) dst;
            if (VectorSupport.lanes()) {
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
