package io.faltung.backend.cpu.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The FLOAT32 GEMM micro-kernel on the Vector API for 512-bit machines (AVX-512): one 8×32 tile of
 * C from 8 rows of A (a packed panel or rows in place) and a packed 32-column panel of B, as 16 accumulators of 16
 * lanes (two 512-bit vectors per row).
 *
 * <p>Why this shape: AVX-512 has 32 vector registers; the accumulators, 2 B vectors and the
 * broadcasts fit, and each step does 16 FMAs for 2 vector loads and 8 broadcasts, far more
 * work per load than the 4×16 AVX2 tile. The many independent accumulators also cover the FMA
 * latency on cores that split 512-bit operations in two (Zen 4). Everything is one flat method
 * because vectors passed between methods that do not inline get boxed; the loads are linear in the
 * loop index, so C2 hoists their range checks out of the loop. Only loaded through
 * {@link SgemmVectorKernel#preferred()}. Eight rows: the LSTM gate products have M = 32 and the
 * LeNet filters 20 and 50, which taller tiles would pad more.
 */
final class SgemmVector512Kernel implements SgemmMicroKernel {
    static final SgemmVector512Kernel INSTANCE = new SgemmVector512Kernel();
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
    private static final int MR = 8;

    private SgemmVector512Kernel() {
    }

    @Override
    public int mr() {
        return MR;
    }

    @Override
    public int nr() {
        return 32;
    }

    @Override
    public void tile(int kc, float[] a, int ao, int ars, int aps, float[] b, int bo, int bps, float alpha,
                     float[] c, int co, int rs) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S);
        FloatVector c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S);
        FloatVector c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S);
        FloatVector c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S);
        FloatVector c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S);
        FloatVector c51 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S);
        FloatVector c61 = FloatVector.zero(S);
        FloatVector c70 = FloatVector.zero(S);
        FloatVector c71 = FloatVector.zero(S);
        int row1 = ao + ars;
        int row2 = row1 + ars;
        int row3 = row2 + ars;
        int row4 = row3 + ars;
        int row5 = row4 + ars;
        int row6 = row5 + ars;
        int row7 = row6 + ars;
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, b, bo + bps * p);
            FloatVector b1 = FloatVector.fromArray(S, b, bo + bps * p + 16);
            FloatVector a0 = FloatVector.broadcast(S, a[ao + p * aps]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[row1 + p * aps]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, a[row2 + p * aps]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, a[row3 + p * aps]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(S, a[row4 + p * aps]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(S, a[row5 + p * aps]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
            FloatVector a6 = FloatVector.broadcast(S, a[row6 + p * aps]);
            c60 = a6.fma(b0, c60);
            c61 = a6.fma(b1, c61);
            FloatVector a7 = FloatVector.broadcast(S, a[row7 + p * aps]);
            c70 = a7.fma(b0, c70);
            c71 = a7.fma(b1, c71);
        }
        FloatVector al = FloatVector.broadcast(S, alpha);
        c00.fma(al, FloatVector.fromArray(S, c, co)).intoArray(c, co);
        c01.fma(al, FloatVector.fromArray(S, c, co + 16)).intoArray(c, co + 16);
        int r1 = co + rs;
        c10.fma(al, FloatVector.fromArray(S, c, r1)).intoArray(c, r1);
        c11.fma(al, FloatVector.fromArray(S, c, r1 + 16)).intoArray(c, r1 + 16);
        int r2 = r1 + rs;
        c20.fma(al, FloatVector.fromArray(S, c, r2)).intoArray(c, r2);
        c21.fma(al, FloatVector.fromArray(S, c, r2 + 16)).intoArray(c, r2 + 16);
        int r3 = r2 + rs;
        c30.fma(al, FloatVector.fromArray(S, c, r3)).intoArray(c, r3);
        c31.fma(al, FloatVector.fromArray(S, c, r3 + 16)).intoArray(c, r3 + 16);
        int r4 = r3 + rs;
        c40.fma(al, FloatVector.fromArray(S, c, r4)).intoArray(c, r4);
        c41.fma(al, FloatVector.fromArray(S, c, r4 + 16)).intoArray(c, r4 + 16);
        int r5 = r4 + rs;
        c50.fma(al, FloatVector.fromArray(S, c, r5)).intoArray(c, r5);
        c51.fma(al, FloatVector.fromArray(S, c, r5 + 16)).intoArray(c, r5 + 16);
        int r6 = r5 + rs;
        c60.fma(al, FloatVector.fromArray(S, c, r6)).intoArray(c, r6);
        c61.fma(al, FloatVector.fromArray(S, c, r6 + 16)).intoArray(c, r6 + 16);
        int r7 = r6 + rs;
        c70.fma(al, FloatVector.fromArray(S, c, r7)).intoArray(c, r7);
        c71.fma(al, FloatVector.fromArray(S, c, r7 + 16)).intoArray(c, r7 + 16);
    }

    @Override
    public void tilePacked(int kc, float[] a, int ao, float[] b, int bo, float alpha, float[] c, int co, int rs) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S);
        FloatVector c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S);
        FloatVector c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S);
        FloatVector c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S);
        FloatVector c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S);
        FloatVector c51 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S);
        FloatVector c61 = FloatVector.zero(S);
        FloatVector c70 = FloatVector.zero(S);
        FloatVector c71 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, b, bo + 32 * p);
            FloatVector b1 = FloatVector.fromArray(S, b, bo + 32 * p + 16);
            FloatVector a0 = FloatVector.broadcast(S, a[ao + MR * p + 0]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[ao + MR * p + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, a[ao + MR * p + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, a[ao + MR * p + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(S, a[ao + MR * p + 4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(S, a[ao + MR * p + 5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
            FloatVector a6 = FloatVector.broadcast(S, a[ao + MR * p + 6]);
            c60 = a6.fma(b0, c60);
            c61 = a6.fma(b1, c61);
            FloatVector a7 = FloatVector.broadcast(S, a[ao + MR * p + 7]);
            c70 = a7.fma(b0, c70);
            c71 = a7.fma(b1, c71);
        }
        FloatVector al = FloatVector.broadcast(S, alpha);
        c00.fma(al, FloatVector.fromArray(S, c, co)).intoArray(c, co);
        c01.fma(al, FloatVector.fromArray(S, c, co + 16)).intoArray(c, co + 16);
        int r1 = co + rs;
        c10.fma(al, FloatVector.fromArray(S, c, r1)).intoArray(c, r1);
        c11.fma(al, FloatVector.fromArray(S, c, r1 + 16)).intoArray(c, r1 + 16);
        int r2 = r1 + rs;
        c20.fma(al, FloatVector.fromArray(S, c, r2)).intoArray(c, r2);
        c21.fma(al, FloatVector.fromArray(S, c, r2 + 16)).intoArray(c, r2 + 16);
        int r3 = r2 + rs;
        c30.fma(al, FloatVector.fromArray(S, c, r3)).intoArray(c, r3);
        c31.fma(al, FloatVector.fromArray(S, c, r3 + 16)).intoArray(c, r3 + 16);
        int r4 = r3 + rs;
        c40.fma(al, FloatVector.fromArray(S, c, r4)).intoArray(c, r4);
        c41.fma(al, FloatVector.fromArray(S, c, r4 + 16)).intoArray(c, r4 + 16);
        int r5 = r4 + rs;
        c50.fma(al, FloatVector.fromArray(S, c, r5)).intoArray(c, r5);
        c51.fma(al, FloatVector.fromArray(S, c, r5 + 16)).intoArray(c, r5 + 16);
        int r6 = r5 + rs;
        c60.fma(al, FloatVector.fromArray(S, c, r6)).intoArray(c, r6);
        c61.fma(al, FloatVector.fromArray(S, c, r6 + 16)).intoArray(c, r6 + 16);
        int r7 = r6 + rs;
        c70.fma(al, FloatVector.fromArray(S, c, r7)).intoArray(c, r7);
        c71.fma(al, FloatVector.fromArray(S, c, r7 + 16)).intoArray(c, r7 + 16);
    }
}
