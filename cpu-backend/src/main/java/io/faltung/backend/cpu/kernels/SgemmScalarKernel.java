package io.faltung.backend.cpu.kernels;

import java.util.Arrays;

/**
 * The FLOAT32 GEMM micro-kernel in plain Java, used when the {@code jdk.incubator.vector} module is
 * absent at run time: the same 4×16 tile contract as {@link SgemmVectorKernel}, accumulated in a
 * scratch tile whose rows C2 can auto-vectorise. Also home of the edge-tile write-back both
 * kernels share.
 */
final class SgemmScalarKernel {
    private SgemmScalarKernel() {
    }

    /** {@code C[0..mr)[0..nr) += alpha · Apanel · Bpanel}; {@code tmp} holds at least 64 floats. */
    static void tile(int kc, float[] a, int ao, float[] b, int bo, float alpha, float[] c, int co, int rs, int cs,
                     int mr, int nr, float[] tmp) {
        Arrays.fill(tmp, 0, Sgemm.MR * Sgemm.NR, 0f);
        for (int p = 0; p < kc; p++) {
            int bi = bo + p * Sgemm.NR;
            for (int r = 0; r < Sgemm.MR; r++) {
                float ar = a[ao + p * Sgemm.MR + r];
                int t = r * Sgemm.NR;
                for (int j = 0; j < Sgemm.NR; j++) {
                    tmp[t + j] += ar * b[bi + j];
                }
            }
        }
        addTile(tmp, alpha, c, co, rs, cs, mr, nr);
    }

    /** {@code C[r][j] += alpha · tmp[r·16 + j]} for the valid {@code mr × nr} corner, any C strides. */
    static void addTile(float[] tmp, float alpha, float[] c, int co, int rs, int cs, int mr, int nr) {
        for (int r = 0; r < mr; r++) {
            int row = co + r * rs;
            for (int j = 0; j < nr; j++) {
                c[row + j * cs] += alpha * tmp[r * Sgemm.NR + j];
            }
        }
    }
}
