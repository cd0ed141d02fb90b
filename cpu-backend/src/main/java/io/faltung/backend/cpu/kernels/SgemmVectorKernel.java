package io.faltung.backend.cpu.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The FLOAT32 GEMM micro-kernel on the Vector API for 256-bit machines (AVX2): one 4×16 tile of C
 * from 4 rows of A (a packed panel or rows in place) and a packed 16-column panel of B, as 8 accumulators of 8 lanes
 * (two 256-bit vectors per row).
 *
 * <p>Why this shape: AVX2 has 16 vector registers; 8 accumulators, 2 B vectors and 4 broadcasts
 * make 14, so C2 keeps everything in registers (a 6×16 tile needs 15, spills, and runs at half
 * speed). Everything is one flat method because vectors passed between methods that do not inline
 * get boxed. This class is only loaded when {@code jdk.incubator.vector} is in the boot layer;
 * {@link #preferred()} hands out {@link SgemmVector512Kernel} instead where 512-bit vectors are native.
 */
final class SgemmVectorKernel implements SgemmMicroKernel {
    static final SgemmVectorKernel INSTANCE = new SgemmVectorKernel();
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;

    private SgemmVectorKernel() {
    }

    /** Whether 256-bit float vectors are native here (otherwise the scalar kernel is faster). */
    static boolean fitsThisCpu() {
        return FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 256;
    }

    /** The kernel for the widest native float vectors: 8×32 on 512 bits, this 4×16 one on 256. */
    static SgemmMicroKernel preferred() {
        return FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 512 ? SgemmVector512Kernel.INSTANCE : INSTANCE;
    }

    @Override
    public int mr() {
        return 4;
    }

    @Override
    public int nr() {
        return 16;
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
        int row1 = ao + ars;
        int row2 = row1 + ars;
        int row3 = row2 + ars;
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, b, bo + bps * p);
            FloatVector b1 = FloatVector.fromArray(S, b, bo + bps * p + 8);
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
        }
        FloatVector al = FloatVector.broadcast(S, alpha);
        c00.fma(al, FloatVector.fromArray(S, c, co)).intoArray(c, co);
        c01.fma(al, FloatVector.fromArray(S, c, co + 8)).intoArray(c, co + 8);
        int r1 = co + rs;
        c10.fma(al, FloatVector.fromArray(S, c, r1)).intoArray(c, r1);
        c11.fma(al, FloatVector.fromArray(S, c, r1 + 8)).intoArray(c, r1 + 8);
        int r2 = r1 + rs;
        c20.fma(al, FloatVector.fromArray(S, c, r2)).intoArray(c, r2);
        c21.fma(al, FloatVector.fromArray(S, c, r2 + 8)).intoArray(c, r2 + 8);
        int r3 = r2 + rs;
        c30.fma(al, FloatVector.fromArray(S, c, r3)).intoArray(c, r3);
        c31.fma(al, FloatVector.fromArray(S, c, r3 + 8)).intoArray(c, r3 + 8);
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
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, b, bo + 16 * p);
            FloatVector b1 = FloatVector.fromArray(S, b, bo + 16 * p + 8);
            FloatVector a0 = FloatVector.broadcast(S, a[ao + 4 * p]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[ao + 4 * p + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, a[ao + 4 * p + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, a[ao + 4 * p + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
        }
        FloatVector al = FloatVector.broadcast(S, alpha);
        c00.fma(al, FloatVector.fromArray(S, c, co)).intoArray(c, co);
        c01.fma(al, FloatVector.fromArray(S, c, co + 8)).intoArray(c, co + 8);
        int r1 = co + rs;
        c10.fma(al, FloatVector.fromArray(S, c, r1)).intoArray(c, r1);
        c11.fma(al, FloatVector.fromArray(S, c, r1 + 8)).intoArray(c, r1 + 8);
        int r2 = r1 + rs;
        c20.fma(al, FloatVector.fromArray(S, c, r2)).intoArray(c, r2);
        c21.fma(al, FloatVector.fromArray(S, c, r2 + 8)).intoArray(c, r2 + 8);
        int r3 = r2 + rs;
        c30.fma(al, FloatVector.fromArray(S, c, r3)).intoArray(c, r3);
        c31.fma(al, FloatVector.fromArray(S, c, r3 + 8)).intoArray(c, r3 + 8);
    }
}
