package io.faltung.backend.cpu.kernels;

/**
 * The FLOAT32 GEMM micro-kernel in plain Java, used when the {@code jdk.incubator.vector} module is
 * absent at run time (or the CPU lacks 256-bit vectors): a 4×16 tile accumulated in a small local
 * tile (which escape analysis keeps off the heap) whose rows C2 can auto-vectorise.
 */
final class SgemmScalarKernel implements SgemmMicroKernel {
    static final SgemmScalarKernel INSTANCE = new SgemmScalarKernel();
    private static final int MR = 4;
    private static final int NR = 16;

    private SgemmScalarKernel() {
    }

    @Override
    public int mr() {
        return MR;
    }

    @Override
    public int nr() {
        return NR;
    }

    @Override
    public void tile(int kc, float[] a, int ao, int ars, int aps, float[] b, int bo, int bps, float alpha,
                     float[] c, int co, int rs) {
        float[] tmp = new float[MR * NR];
        for (int p = 0; p < kc; p++) {
            int bi = bo + p * bps;
            for (int r = 0; r < MR; r++) {
                float ar = a[ao + r * ars + p * aps];
                int t = r * NR;
                for (int j = 0; j < NR; j++) {
                    tmp[t + j] += ar * b[bi + j];
                }
            }
        }
        SgemmMicroKernel.addTile(tmp, NR, alpha, c, co, rs, 1, MR, NR);
    }
}
