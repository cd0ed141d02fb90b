package io.faltung.dsp.filterbank;

import io.faltung.tensor.Tensor;

/**
 * The folding ("window") matrix Fₐ: N/2 independent 2×2 butterflies in the diamond pattern of
 * Schuller &amp; Smith. Butterfly n couples rows {@code (n, N−1−n)} with columns {@code (N/2−1−n, N/2+n)}:
 * <pre>
 *   Fₐ[n, N/2−1−n]   = aₙ    Fₐ[n, N/2+n]   = bₙ
 *   Fₐ[N−1−n, N/2−1−n] = cₙ  Fₐ[N−1−n, N/2+n] = dₙ
 * </pre>
 * Each butterfly is parametrised by three free numbers (θ, σ, t) as
 * {@code [[a, b], [c, d]] = diag(1, −1)·R(θ)·diag(e^σ, e^−σ)·[[1, t], [0, 1]]}, which covers every
 * 2×2 matrix of determinant −1 and never divides by a coefficient. Because the determinant is exactly
 * −1, the inverse butterfly is {@code [[−d, b], [c, −a]]}, again without a division, so the synthesis
 * side inverts Fₐ for every coefficient value.
 *
 * <p>The sine-window MDCT is θₙ = π/2 + π/(2N)·(n + ½), σ = t = 0: then
 * {@code [[a, b], [c, d]] = [[−w(n), −w(N−1−n)], [−w(N−1−n), w(n)]]} with w the sine window.
 */
public final class FoldingMatrix {
    private FoldingMatrix() {
    }

    /**
     * The butterfly entries from their parameters: {@code params} is {@code [3, N/2]} (rows θ, σ, t),
     * the result {@code [4, N/2]} (rows a, b, c, d).
     */
    public static Tensor butterflies(Tensor params) {
        if (params.rank() != 2 || params.shape().dim(0) != 3) {
            throw new IllegalArgumentException("butterfly parameters must have shape [3, N/2] (θ, σ, t), not "
                    + params.shape());
        }
        Tensor theta = params.slice(0, 0, 1);
        Tensor sigma = params.slice(0, 1, 2);
        Tensor shear = params.slice(0, 2, 3);
        Tensor cos = theta.cos();
        Tensor sin = theta.sin();
        Tensor grow = sigma.exp();
        Tensor shrink = sigma.neg().exp();
        Tensor a = cos.mul(grow);
        Tensor b = a.mul(shear).sub(sin.mul(shrink));
        Tensor c = sin.mul(grow).neg();
        Tensor d = c.mul(shear).sub(cos.mul(shrink));
        return Tensor.concat(0, a, b, c, d);
    }

    /** Fₐ from butterfly entries {@code [4, N/2]} (rows a, b, c, d), using the bank's placement matrix. */
    static Tensor analysis(Tensor entries, Tensor placement) {
        int h = entries.shape().dim(1);
        int n = 2 * h;
        return entries.reshape(1, 4 * h).matmul(placement).reshape(n, n);
    }

    /** Fₐ⁻¹: each butterfly replaced by {@code [[−d, b], [c, −a]]} (exact as det = −1) at the transposed place. */
    static Tensor synthesis(Tensor entries, Tensor placement) {
        Tensor swapped = Tensor.concat(0, entries.slice(0, 3, 4).neg(), entries.slice(0, 2, 3), entries.slice(0, 1, 2),
                entries.slice(0, 0, 1).neg());
        return analysis(swapped, placement).transpose();
    }

    /** The {@code [2N, N·N]} 0/1 matrix that puts entry {@code e = (a₀…, b₀…, c₀…, d₀…)} at its place in Fₐ. */
    static double[] placement(int n) {
        int h = n / 2;
        double[] p = new double[2 * n * n * n];
        for (int i = 0; i < h; i++) {
            int top = i;
            int bottom = n - 1 - i;
            int left = h - 1 - i;
            int right = h + i;
            p[i * n * n + top * n + left] = 1;
            p[(h + i) * n * n + top * n + right] = 1;
            p[(2 * h + i) * n * n + bottom * n + left] = 1;
            p[(3 * h + i) * n * n + bottom * n + right] = 1;
        }
        return p;
    }

    /** Butterfly parameters {@code [3·N/2]} (θ row, then σ = 0, t = 0) of the sine-window MDCT. */
    static double[] sineWindow(int n) {
        int h = n / 2;
        double[] p = new double[3 * h];
        for (int i = 0; i < h; i++) {
            p[i] = Math.PI / 2 + Math.PI / (2.0 * n) * (i + 0.5);
        }
        return p;
    }
}
