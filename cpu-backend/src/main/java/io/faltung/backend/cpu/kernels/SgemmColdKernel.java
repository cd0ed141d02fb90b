package io.faltung.backend.cpu.kernels;

/**
 * The plain-Java twin of a Vector-API GEMM micro-kernel ({@link SgemmVectorKernel},
 * {@link SgemmVector512Kernel}), used while that kernel is not compiled yet ({@link SgemmWarmup}).
 * It computes exactly what the vector kernel computes, bit for bit: the same {@code mr × nr} tile,
 * each element accumulated from {@code +0} by one fused multiply-add per inner step in the same
 * order ({@code acc = fma(a[p], b[p], acc)}, which is what a lane of {@code a.fma(b, acc)} does),
 * then written back as {@code c = fma(acc, alpha, c)}. So a product gives the same result whichever
 * of the two runs it, and switching from one to the other mid-run changes no result.
 *
 * <p>Why it exists: until C2 compiles a Vector-API kernel, every vector operation runs as Java
 * objects, a hundred times slower than compiled code, and C2 also spends its time compiling the
 * Vector API's own fallback code. Plain scalar loops are fast as soon as C1 compiles them. The
 * accumulators live in a small per-call array; C2 turns the inner loops into vector code itself.
 */
final class SgemmColdKernel implements SgemmMicroKernel {
    private final int mr;
    private final int nr;

    /** The twin of {@code kernel}: same tile shape, same arithmetic. */
    SgemmColdKernel(SgemmMicroKernel kernel) {
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
    public void tile(int kc, float[] a, int ao, float[] b, int bo, float alpha, float[] c, int co, int rs) {
        float[] acc = new float[mr * nr];
        for (int p = 0; p < kc; p++) {
            int bi = bo + p * nr;
            for (int r = 0; r < mr; r++) {
                float ar = a[ao + p * mr + r];
                int t = r * nr;
                for (int j = 0; j < nr; j++) {
                    acc[t + j] = Math.fma(ar, b[bi + j], acc[t + j]);
                }
            }
        }
        for (int r = 0; r < mr; r++) {
            int row = co + r * rs;
            int t = r * nr;
            for (int j = 0; j < nr; j++) {
                c[row + j] = Math.fma(acc[t + j], alpha, c[row + j]);
            }
        }
    }
}
