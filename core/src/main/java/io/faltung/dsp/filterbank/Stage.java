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
 */
public enum Stage {
    /** G(z): adds N taps to every filter and no system delay. */
    ZERO_DELAY,
    /** H(z): adds N taps to every filter and 2N samples of system delay. */
    MAXIMUM_DELAY;

    /** The analysis stage from its coefficients {@code g} ({@code [1, N/2]}). */
    PolyMatrix analysis(Tensor g, BankConstants constants) {
        int h = g.shape().dim(1);
        Tensor diagonal = constants.identity.mul(g.pad(new int[] {0, 0}, new int[] {0, h}));
        return this == ZERO_DELAY ? PolyMatrix.ofTerms(constants.antiIdentity, diagonal)
                : PolyMatrix.ofTerms(diagonal, constants.antiIdentity);
    }

    /** The causal inverse: {@code G⁻¹(z)}, or {@code z⁻²·H⁻¹(z)}. */
    PolyMatrix synthesis(Tensor g, BankConstants constants) {
        int h = g.shape().dim(1);
        Tensor diagonal = constants.identity.mul(g.flip(1).neg().pad(new int[] {0, h}, new int[] {0, 0}));
        return this == ZERO_DELAY ? PolyMatrix.ofTerms(constants.antiIdentity, diagonal)
                : PolyMatrix.ofTerms(diagonal, constants.antiIdentity);
    }
}
