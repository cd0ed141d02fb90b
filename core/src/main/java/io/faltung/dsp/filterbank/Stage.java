package io.faltung.dsp.filterbank;

import io.faltung.tensor.Tensor;

/**
 * The two kinds of delay stage between the folding matrix and the DCT-IV, each with N/2 free
 * coefficients g and its causal FIR inverse (no coefficient is ever divided by):
 * <ul>
 *   <li>{@link #ZERO_DELAY} {@code G(z) = J + z⁻¹·diag(g, 0)}, inverse {@code J − z⁻¹·diag(0, ǧ)};</li>
 *   <li>{@link #MAXIMUM_DELAY} {@code H(z) = diag(g, 0) + z⁻¹·J}, inverse times z⁻²:
 *       {@code −diag(0, ǧ) + z⁻¹·J};</li>
 * </ul>
 * where J is the anti-identity and ǧ the coefficients reversed ({@code J·diag(g, 0)·J = diag(0, ǧ)}).
 * With g = 0 a G stage is the permutation J and an H stage the delayed permutation z⁻¹·J.
 *
 * <p>Every stage is a J term and a diagonal term, one of them delayed, so a product {@code X(z)·S(z)}
 * needs no matrix product: {@code X·J} reverses X's columns and {@code X·diag(v)} scales them
 * ({@link PolyMatrix#timesStage}); the explicit matrices ({@link #analysisMatrix}) serve as reference.
 */
public enum Stage {
    /** G(z): adds N taps to every filter and no system delay. */
    ZERO_DELAY,
    /** H(z): adds N taps to every filter and 2N samples of system delay. */
    MAXIMUM_DELAY;

    /** {@code X(z)·S(z)} for this analysis stage with coefficients {@code g} ({@code [1, N/2]}). */
    PolyMatrix applyAnalysis(PolyMatrix x, Tensor g) {
        return x.timesStage(analysisDiagonal(g), this == MAXIMUM_DELAY);
    }

    /** {@code X(z)·S⁻¹(z)} for the causal inverse of this stage ({@code G⁻¹(z)} or {@code z⁻²·H⁻¹(z)}). */
    PolyMatrix applySynthesis(PolyMatrix x, Tensor g) {
        return x.timesStage(synthesisDiagonal(g), this == MAXIMUM_DELAY);
    }

    /** The analysis stage as an explicit polynomial matrix {@code [2, N, N]}. */
    PolyMatrix analysisMatrix(Tensor g, BankConstants constants) {
        return explicit(analysisDiagonal(g), constants);
    }

    /** The causal inverse as an explicit polynomial matrix {@code [2, N, N]}. */
    PolyMatrix synthesisMatrix(Tensor g, BankConstants constants) {
        return explicit(synthesisDiagonal(g), constants);
    }

    private PolyMatrix explicit(Tensor diagonal, BankConstants constants) {
        Tensor d = constants.identity.mul(diagonal);
        return this == ZERO_DELAY ? PolyMatrix.ofTerms(constants.antiIdentity, d)
                : PolyMatrix.ofTerms(d, constants.antiIdentity);
    }

    /** (g, 0): the diagonal of the analysis stage, {@code [1, N]}. */
    private static Tensor analysisDiagonal(Tensor g) {
        int h = g.shape().dim(1);
        return g.pad(new int[] {0, 0}, new int[] {0, h});
    }

    /** (0, −ǧ): the diagonal of the inverse stage, {@code [1, N]}. */
    private static Tensor synthesisDiagonal(Tensor g) {
        int h = g.shape().dim(1);
        return g.flip(1).neg().pad(new int[] {0, h}, new int[] {0, 0});
    }
}
