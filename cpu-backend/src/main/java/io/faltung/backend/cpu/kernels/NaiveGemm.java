package io.faltung.backend.cpu.kernels;

/** Temporary: an obviously correct triple loop accumulating in double. */
final class NaiveGemm {
    private NaiveGemm() {
    }

    static void multiply(double alpha, GemmKernel.GemmOperand a, GemmKernel.GemmOperand b, GemmKernel.GemmOperand c,
                         int batch, int m, int n, int k) {
        for (int q = 0; q < batch; q++) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int p = 0; p < k; p++) {
                        s += Rows.get(a.array(), a.at(q, i, p)) * Rows.get(b.array(), b.at(q, p, j));
                    }
                    int at = c.at(q, i, j);
                    Rows.set(c.array(), at, Rows.get(c.array(), at) + alpha * s);
                }
            }
        }
    }
}
