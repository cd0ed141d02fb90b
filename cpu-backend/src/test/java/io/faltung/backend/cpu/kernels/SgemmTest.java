package io.faltung.backend.cpu.kernels;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faltung.backend.cpu.Parallel;
import io.faltung.backend.cpu.kernels.GemmKernel.GemmOperand;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every FLOAT32 micro-kernel this JVM can run (not only the one the backend picks here) through the
 * blocked GEMM, against a triple loop in double: sizes on both sides of each tile edge and of the
 * cache blocks, transposed and strided operands, alpha, threads.
 */
class SgemmTest {
    private final Parallel pool = new Parallel(2);
    private final SplittableRandom random = new SplittableRandom(11);

    @AfterEach
    void close() {
        pool.close();
    }

    /**
     * The scalar kernel, and with the Vector API both vector tile shapes, whatever the CPU prefers,
     * and their plain-Java twins.
     */
    private static List<SgemmMicroKernel> kernels() {
        List<SgemmMicroKernel> all = new ArrayList<>(List.of(SgemmScalarKernel.INSTANCE));
        if (VectorSupport.enabled()) {
            all.add(SgemmVectorKernel.INSTANCE);
            all.add(SgemmVector512Kernel.INSTANCE);
            all.add(new SgemmColdKernel(SgemmVectorKernel.INSTANCE));
            all.add(new SgemmColdKernel(SgemmVector512Kernel.INSTANCE));
        }
        return all;
    }

    /**
     * {@code C += alpha · op(A) · op(B)} with the given kernel, op(A) {@code m×k} and op(B)
     * {@code k×n} stored transposed or not, C with a column stride {@code cs} and a padded row.
     */
    private void check(SgemmMicroKernel kernel, Parallel threads, int m, int n, int k, boolean ta, boolean tb, int cs,
                       float alpha) {
        float[] as = values(m * k + 3);
        float[] bs = values(k * n + 5);
        int ldc = n * cs + 2;
        float[] cs0 = values(m * ldc + 1);
        float[] c = cs0.clone();
        GemmOperand a = ta ? GemmOperand.transposed(as, 3, m, k) : GemmOperand.rowMajor(as, 3, m, k);
        GemmOperand b = tb ? GemmOperand.transposed(bs, 5, k, n) : GemmOperand.rowMajor(bs, 5, k, n);
        GemmOperand cc = new GemmOperand(c, 1, 0, ldc, cs, m, n);
        Sgemm.multiply(threads, kernel, alpha, a, b, cc, 1, m, n, k);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double want = cs0[cc.at(0, i, j)];
                double mag = Math.abs(want);
                for (int p = 0; p < k; p++) {
                    double t = (double) alpha * as[a.at(0, i, p)] * bs[b.at(0, p, j)];
                    want += t;
                    mag += Math.abs(t);
                }
                double got = c[cc.at(0, i, j)];
                int at = cc.at(0, i, j);
                boolean ok = Math.abs(got - want) <= 1e-5 * (mag + 1);
                if (!ok) {
                    throw new AssertionError(String.format("%s m=%d n=%d k=%d ta=%b tb=%b cs=%d: C[%d][%d] = %s, want %s",
                            kernel.getClass().getSimpleName(), m, n, k, ta, tb, cs, i, j, got, want));
                }
            }
        }
        // nothing outside C's elements moved (padding columns, the element before C)
        for (int at = 0; at < c.length; at++) {
            int rel = at - 1;
            boolean inside = rel >= 0 && rel / ldc < m && rel % ldc % cs == 0 && rel % ldc / cs < n;
            assertTrue(inside || c[at] == cs0[at], "write outside C at " + at);
        }
    }

    private float[] values(int size) {
        float[] v = new float[size];
        for (int i = 0; i < size; i++) {
            v[i] = (float) (random.nextDouble() - 0.5);
        }
        return v;
    }

    @Test
    void everyKernelMatchesTripleLoopAroundTileEdges() {
        for (SgemmMicroKernel kernel : kernels()) {
            int mr = kernel.mr();
            int nr = kernel.nr();
            for (int m : new int[] {1, mr - 1, mr, mr + 1, 2 * mr + 3}) {
                for (int n : new int[] {1, nr - 1, nr, nr + 1, 2 * nr + 5}) {
                    for (int k : new int[] {1, 7}) {
                        check(kernel, null, m, n, k, false, false, 1, 1f);
                    }
                }
            }
        }
    }

    @Test
    void everyKernelHandlesTransposesStridesAndAlpha() {
        for (SgemmMicroKernel kernel : kernels()) {
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    check(kernel, null, 2 * kernel.mr() + 1, 2 * kernel.nr() - 3, 19, ta, tb, 1, -0.75f);
                    check(kernel, null, kernel.mr(), kernel.nr(), 5, ta, tb, 3, 2f);
                }
            }
        }
    }

    @Test
    void everyKernelAcrossCacheBlocksAndThreads() {
        for (SgemmMicroKernel kernel : kernels()) {
            check(kernel, null, 5, 3, Sgemm.KC + 9, false, false, 1, 1f);
            check(kernel, pool, Sgemm.MC + kernel.mr() + 3, 3 * kernel.nr() + 1, Sgemm.KC + 1, false, true, 1, 1f);
            check(kernel, pool, 3, Sgemm.NC + 7, 4, true, false, 1, 0.5f);
            check(kernel, pool, 32, 512, 128, false, false, 1, 1f);
            // large enough to be split: by rows (one column panel), and by columns with each thread past NC
            check(kernel, pool, 600, kernel.nr() - 1, 40, true, false, 1, 1f);
            check(kernel, pool, 2, 2 * Sgemm.NC + 40, 20, false, true, 1, 1f);
        }
    }

    @Test
    void everyKernelReadsRowMajorAInPlaceOrPacked() {
        for (SgemmMicroKernel kernel : kernels()) {
            for (int panels : new int[] {1, Sgemm.DIRECT_A_PANELS, Sgemm.DIRECT_A_PANELS + 1}) {
                for (int m : new int[] {kernel.mr(), 3 * kernel.mr() + 2}) {
                    // in place up to DIRECT_A_PANELS column panels (edge rows packed), packed beyond; plain and strided C
                    check(kernel, null, m, panels * kernel.nr() - 1, Sgemm.KC + 3, false, false, 1, 1f);
                    check(kernel, null, m, panels * kernel.nr(), 9, false, true, 2, -1.5f);
                    check(kernel, pool, m, panels * kernel.nr(), 700, false, false, 1, 1f);
                }
            }
        }
    }

    @Test
    void everyKernelReadsRowMajorBInPlaceOrPacked() {
        for (SgemmMicroKernel kernel : kernels()) {
            for (int m : new int[] {1, Sgemm.DIRECT_B_ROWS, Sgemm.DIRECT_B_ROWS + 1}) {
                // full B panels in place for up to DIRECT_B_ROWS rows (the edge panel packed), packed beyond
                check(kernel, null, m, 3 * kernel.nr() + 5, Sgemm.KC + 3, false, false, 1, 1f);
                check(kernel, null, m, 2 * kernel.nr(), 11, true, false, 3, 0.5f);
                check(kernel, pool, m, 20 * kernel.nr() - 1, 300, false, false, 1, 1f);
            }
        }
    }
}
