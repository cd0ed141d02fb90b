package io.faltung.dsp.filterbank;

/**
 * The shape of a modulated perfect-reconstruction filter bank in the Schuller–Smith/Karp structure
 * {@code Pₐ(z) = Fₐ·D(z)·G₁(z)⋯G_P(z)·H₁(z)⋯H_Q(z)·T}: N subbands (block length N), P zero-delay
 * stages and Q maximum-delay stages.
 *
 * <p>The free coefficients form a {@code [3 + P + Q, N/2]} matrix: rows 0–2 parametrise the N/2
 * butterflies of the folding matrix (see {@link FoldingMatrix}), row 3 + i holds the N/2 coefficients of
 * {@code G_{i+1}}, row 3 + P + j those of {@code H_{j+1}}.
 *
 * @param subbands          N, the number of subbands and the block length; even, at least 2
 * @param zeroDelayStages   P, the number of zero-delay matrices G(z); each adds N taps and no delay
 * @param maximumDelayStages Q, the number of maximum-delay matrices H(z); each adds N taps and 2N delay
 */
public record BankStructure(int subbands, int zeroDelayStages, int maximumDelayStages) {
    /** Validates the shape. */
    public BankStructure {
        if (subbands < 2 || subbands % 2 != 0) {
            throw new IllegalArgumentException("a modulated filter bank needs an even number of subbands ≥ 2, got "
                    + subbands);
        }
        if (zeroDelayStages < 0 || maximumDelayStages < 0) {
            throw new IllegalArgumentException("stage counts must be ≥ 0, got P = " + zeroDelayStages + ", Q = "
                    + maximumDelayStages);
        }
    }

    /** The MDCT shape (P = Q = 0): filters of length 2N. */
    public static BankStructure mdct(int subbands) {
        return new BankStructure(subbands, 0, 0);
    }

    /** N/2, the number of butterflies and of coefficients per stage. */
    public int half() {
        return subbands / 2;
    }

    /** Number of terms of the polyphase matrices (degree + 1): 2 + P + Q. */
    public int blocks() {
        return 2 + zeroDelayStages + maximumDelayStages;
    }

    /** Length of every analysis and synthesis filter, L = (2 + P + Q)·N. */
    public int length() {
        return blocks() * subbands;
    }

    /** Power of z⁻¹ in {@code Pₐ(z)·Pₛ(z) = z^-(1 + 2Q)·I}, the delay in blocks of the polyphase chain. */
    public int blockDelay() {
        return 1 + 2 * maximumDelayStages;
    }

    /** System delay in samples of analysis followed by synthesis, {@code n_d = 2N − 1 + 2QN}. */
    public int delay() {
        return 2 * subbands - 1 + 2 * maximumDelayStages * subbands;
    }

    /** Rows of the coefficient matrix, 3 + P + Q. */
    public int coefficientRows() {
        return 3 + zeroDelayStages + maximumDelayStages;
    }

    /** Number of free coefficients, (3 + P + Q)·N/2. */
    public int parameterCount() {
        return coefficientRows() * half();
    }

    /**
     * The phase offset n₀ of the cosine modulation {@code h_k(n) = h(n)·√(2/N)·cos(π/N·(k + ½)·(n + n₀))}:
     * N/2 + ½ for an even number of zero-delay stages, ½ − N/2 for an odd number (the two differ by one
     * block, which turns the cosine into ± a sine); maximum-delay stages do not change it.
     */
    public double modulationOffset() {
        return zeroDelayStages % 2 == 0 ? subbands / 2.0 + 0.5 : 0.5 - subbands / 2.0;
    }

    /** The k-th modulation function at tap n, {@code √(2/N)·cos(π/N·(k + ½)·(n + n₀))}. */
    public double modulation(int k, int n) {
        return Math.sqrt(2.0 / subbands) * Math.cos(Math.PI / subbands * (k + 0.5) * (n + modulationOffset()));
    }

    @Override
    public String toString() {
        return "N=" + subbands + ", P=" + zeroDelayStages + ", Q=" + maximumDelayStages + " (L=" + length()
                + ", delay " + delay() + ")";
    }
}
