package io.faltung.dsp.filterbank;

import io.faltung.tensor.Scope;
import io.faltung.tensor.Tensor;

/**
 * The fixed FLOAT64 matrices of one bank structure, created once outside any scope: identity,
 * anti-identity J, orthonormal DCT-IV T, the delay matrix D(z) and its causal inverse, the placement
 * matrix that scatters butterfly entries into the folding matrix, and the k = 0 modulation used to
 * read out the prototype.
 */
final class BankConstants implements AutoCloseable {
    final Tensor identity;
    final Tensor antiIdentity;
    final Tensor dct4;
    final PolyMatrix delay;
    final PolyMatrix delayInverse;
    final Tensor placement;
    final Tensor baseModulation;

    BankConstants(BankStructure structure) {
        int n = structure.subbands();
        int h = structure.half();
        identity = Scope.unscoped(() -> Tensor.of(matrix(n, (r, c) -> r == c ? 1 : 0), n, n));
        antiIdentity = Scope.unscoped(() -> Tensor.of(matrix(n, (r, c) -> r + c == n - 1 ? 1 : 0), n, n));
        dct4 = Scope.unscoped(() -> Tensor.of(matrix(n, (r, c) -> dct4(n, r, c)), n, n));
        // D(z) = diag(z⁻¹·I, I) on the two halves; z⁻¹·D⁻¹(z) = diag(I, z⁻¹·I).
        Tensor upper = Scope.unscoped(() -> Tensor.of(matrix(n, (r, c) -> r == c && r < h ? 1 : 0), n, n));
        Tensor lower = Scope.unscoped(() -> Tensor.of(matrix(n, (r, c) -> r == c && r >= h ? 1 : 0), n, n));
        delay = Scope.unscoped(() -> PolyMatrix.ofTerms(lower, upper));
        delayInverse = Scope.unscoped(() -> PolyMatrix.ofTerms(upper, lower));
        upper.close();
        lower.close();
        placement = Scope.unscoped(() -> Tensor.of(FoldingMatrix.placement(n), 2 * n, n * n));
        double[] modulation = new double[structure.length()];
        for (int t = 0; t < modulation.length; t++) {
            modulation[t] = structure.modulation(0, t);
        }
        baseModulation = Scope.unscoped(() -> Tensor.of(modulation, modulation.length));
    }

    /** The orthonormal DCT-IV entry {@code √(2/N)·cos(π/N·(r + ½)(c + ½))}. */
    static double dct4(int n, int r, int c) {
        return Math.sqrt(2.0 / n) * Math.cos(Math.PI / n * (r + 0.5) * (c + 0.5));
    }

    interface Entry {
        double at(int row, int col);
    }

    static double[] matrix(int n, Entry entry) {
        double[] m = new double[n * n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                m[r * n + c] = entry.at(r, c);
            }
        }
        return m;
    }

    @Override
    public void close() {
        for (Tensor t : new Tensor[] {identity, antiIdentity, dct4, delay.coefficients(), delayInverse.coefficients(),
            placement, baseModulation}) {
            t.close();
        }
    }
}
