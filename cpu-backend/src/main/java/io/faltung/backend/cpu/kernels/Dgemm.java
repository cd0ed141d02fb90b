package io.faltung.backend.cpu.kernels;

import io.faltung.backend.cpu.Parallel;
import io.faltung.backend.cpu.kernels.GemmKernel.GemmOperand;

/**
 * FLOAT64 GEMM, {@code C += alpha · op(A) · op(B)}: FLOAT64 serves gradient checks and signal
 * processing, not training throughput, so this is a plain blocked kernel. Each batch entry packs
 * op(B) densely once; each row of C is accumulated as a dense row (i-k-j order, unit-stride inner
 * loop the JIT vectorises) and then added to C with its strides. Rows are split over the pool when
 * the product is large.
 */
final class Dgemm {
    private Dgemm() {
    }

    /** {@code C += alpha · op(A) · op(B)} for every batch entry; operands hold {@code double[]}. */
    static void multiply(Parallel pool, double alpha, GemmOperand a, GemmOperand b, GemmOperand c, int batch, int m,
                         int n, int k) {
        double[] as = (double[]) a.array();
        double[] cs = (double[]) c.array();
        boolean large = (long) m * n * k >= Sgemm.PARALLEL_WORK;
        for (int q = 0; q < batch; q++) {
            double[] bp = new double[k * n];
            double[] bs = (double[]) b.array();
            for (int p = 0; p < k; p++) {
                for (int j = 0; j < n; j++) {
                    bp[p * n + j] = bs[b.at(q, p, j)];
                }
            }
            int entry = q;
            Parallel.RangeBody rows = (start, end) -> {
                double[] acc = new double[n];
                for (int i = (int) start; i < end; i++) {
                    java.util.Arrays.fill(acc, 0);
                    for (int p = 0; p < k; p++) {
                        double aip = as[a.at(entry, i, p)];
                        int bo = p * n;
                        for (int j = 0; j < n; j++) {
                            acc[j] += aip * bp[bo + j];
                        }
                    }
                    for (int j = 0; j < n; j++) {
                        cs[c.at(entry, i, j)] += alpha * acc[j];
                    }
                }
            };
            if (large && pool != null) {
                pool.forRange(m, 1, rows);
            } else {
                rows.run(0, m);
            }
        }
    }
}
