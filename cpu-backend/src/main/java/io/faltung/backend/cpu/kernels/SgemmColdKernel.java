package io.faltung.backend.cpu.kernels;

/**
 * The plain-Java twin of a Vector-API GEMM micro-kernel ({@link SgemmVectorKernel},
 * {@link SgemmVector512Kernel}), used while that kernel is not compiled yet ({@link VectorWarmup}).
 * It computes exactly what the vector kernel computes, bit for bit: the same {@code mr × nr} tile,
 * each element accumulated from {@code +0} by one fused multiply-add per inner step in the same
 * order ({@code acc = fma(a[p], b[p], acc)}, which is what a lane of {@code a.fma(b, acc)} does),
 * then written back as {@code c = fma(acc, alpha, c)}. So a product gives the same result whichever
 * of the two runs it, and switching from one to the other mid-run changes no result.
 *
 * <p>Why it exists: until C2 compiles a Vector-API kernel, every vector operation runs as Java
 * objects, a hundred times slower than compiled code, and C2 also spends its time compiling the
 * Vector API's own fallback code. Plain scalar loops are fast as soon as C1 compiles them. Why this
 * shape: it must be quick in the interpreter and in C1, which keep locals in registers but neither
 * unroll nor vectorise, so each pass keeps eight columns of one row in eight local accumulators over
 * the whole inner dimension (eight independent FMA chains per loop trip, one loop counter and one
 * profile update per eight FMAs); an accumulator array cost a load, a store and a loop trip per FMA.
 * The tile shapes in use (16 and 32 columns) are multiples of eight.
 */
final class SgemmColdKernel implements SgemmMicroKernel {
    private final int mr;
    private final int nr;

    /** The twin of {@code kernel}: same tile shape, same arithmetic. */
    SgemmColdKernel(SgemmMicroKernel kernel) {
        if (kernel.nr() % 8 != 0) {
            throw new IllegalArgumentException("the cold GEMM kernel needs a tile width that is a multiple of 8, not "
                    + kernel.nr() + " (" + kernel.getClass().getSimpleName() + ")");
        }
        this.mr = kernel.mr();
        this.nr = kernel.nr();
    }

    @Override
    public int mr() {
        return mr;
    }

    @Override
    public int nr() {
        return nr;
    }

    @Override
    public void tile(int kc, float[] a, int ao, int ars, int aps, float[] b, int bo, int bps, float alpha, float[] c, int co,
                     int rs) {
        for (int r = 0; r < mr; r++) {
            int row = co + r * rs;
            for (int j = 0; j < nr; j += 8) {
                float c0 = 0f;
                float c1 = 0f;
                float c2 = 0f;
                float c3 = 0f;
                float c4 = 0f;
                float c5 = 0f;
                float c6 = 0f;
                float c7 = 0f;
                for (int p = 0, ai = ao + r * ars, bi = bo + j; p < kc; p++, ai += aps, bi += bps) {
                    float ar = a[ai];
                    c0 = Math.fma(ar, b[bi], c0);
                    c1 = Math.fma(ar, b[bi + 1], c1);
                    c2 = Math.fma(ar, b[bi + 2], c2);
                    c3 = Math.fma(ar, b[bi + 3], c3);
                    c4 = Math.fma(ar, b[bi + 4], c4);
                    c5 = Math.fma(ar, b[bi + 5], c5);
                    c6 = Math.fma(ar, b[bi + 6], c6);
                    c7 = Math.fma(ar, b[bi + 7], c7);
                }
                int o = row + j;
                c[o] = Math.fma(c0, alpha, c[o]);
                c[o + 1] = Math.fma(c1, alpha, c[o + 1]);
                c[o + 2] = Math.fma(c2, alpha, c[o + 2]);
                c[o + 3] = Math.fma(c3, alpha, c[o + 3]);
                c[o + 4] = Math.fma(c4, alpha, c[o + 4]);
                c[o + 5] = Math.fma(c5, alpha, c[o + 5]);
                c[o + 6] = Math.fma(c6, alpha, c[o + 6]);
                c[o + 7] = Math.fma(c7, alpha, c[o + 7]);
            }
        }
    }
}
