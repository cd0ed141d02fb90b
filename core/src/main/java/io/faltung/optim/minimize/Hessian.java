package io.faltung.optim.minimize;

import java.util.Arrays;

/**
 * Second derivatives for Newton's method: central differences of the exact (autograd) gradient,
 * and the linear solve of a Newton step.
 */
final class Hessian {
    /** ∛(machine ε): the step that balances truncation and rounding error of a central difference. */
    private static final double RELATIVE_STEP = Math.cbrt(Math.ulp(1.0));

    private Hessian() {
    }

    /**
     * {@code H[i][j] ≈ (∂ᵢf(x + hⱼeⱼ) − ∂ᵢf(x − hⱼeⱼ)) / 2hⱼ} with {@code hⱼ = ∛ε·max(1, |xⱼ|)},
     * then symmetrised; 2n gradient evaluations. The error is O(h²) ≈ 1e-10 relative.
     */
    static double[][] of(Objective f, double[] x) {
        int n = x.length;
        double[][] h = new double[n][n];
        for (int j = 0; j < n; j++) {
            double step = RELATIVE_STEP * Math.max(1, Math.abs(x[j]));
            double[] plus = x.clone();
            double[] minus = x.clone();
            plus[j] += step;
            minus[j] -= step;
            double width = plus[j] - minus[j];
            double[] gPlus = Point.evaluate(f, plus).gradient();
            double[] gMinus = Point.evaluate(f, minus).gradient();
            for (int i = 0; i < n; i++) {
                h[i][j] = (gPlus[i] - gMinus[i]) / width;
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                double mean = (h[i][j] + h[j][i]) / 2;
                h[i][j] = mean;
                h[j][i] = mean;
            }
        }
        return h;
    }

    /** Solves {@code h·d = b} by Gaussian elimination with partial pivoting. */
    static double[] solve(double[][] h, double[] b, double[] at) {
        int n = b.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            a[i] = Arrays.copyOf(h[i], n + 1);
            a[i][n] = b[i];
        }
        double scale = 0;
        for (double[] row : h) {
            scale = Math.max(scale, Vectors.maxAbs(row));
        }
        for (int k = 0; k < n; k++) {
            int pivot = k;
            for (int i = k + 1; i < n; i++) {
                if (Math.abs(a[i][k]) > Math.abs(a[pivot][k])) {
                    pivot = i;
                }
            }
            if (!(Math.abs(a[pivot][k]) > 1e-13 * scale)) {
                throw new IllegalStateException("Newton's method: the Hessian " + Arrays.deepToString(h)
                        + " is singular at x = " + Arrays.toString(at));
            }
            double[] tmp = a[k];
            a[k] = a[pivot];
            a[pivot] = tmp;
            for (int i = k + 1; i < n; i++) {
                double factor = a[i][k] / a[k][k];
                for (int j = k; j <= n; j++) {
                    a[i][j] -= factor * a[k][j];
                }
            }
        }
        double[] d = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = a[i][n];
            for (int j = i + 1; j < n; j++) {
                s -= a[i][j] * d[j];
            }
            d[i] = s / a[i][i];
        }
        return d;
    }
}
