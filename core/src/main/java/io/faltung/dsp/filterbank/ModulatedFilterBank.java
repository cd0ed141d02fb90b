package io.faltung.dsp.filterbank;

import io.faltung.spi.DType;
import io.faltung.tensor.Tensor;

/**
 * A cosine-modulated perfect-reconstruction filter bank in the structure of Schuller &amp; Smith (1996)
 * and Schuller &amp; Karp (2000):
 * <pre>
 *   analysis   Pₐ(z) = Fₐ · D(z) · G₁(z)⋯G_P(z) · H₁(z)⋯H_Q(z) · T
 *   synthesis  Pₛ(z) = T⁻¹ · z⁻²H_Q⁻¹(z)⋯z⁻²H₁⁻¹(z) · G_P⁻¹(z)⋯G₁⁻¹(z) · z⁻¹D⁻¹(z) · Fₐ⁻¹
 * </pre>
 * so that {@code Pₐ(z)·Pₛ(z) = z^-(1+2Q)·I} for every coefficient value: perfect reconstruction is
 * structural and a design may change the coefficients freely. T is the orthonormal DCT-IV
 * (T⁻¹ = T); D(z) = diag(z⁻¹·I, I).
 *
 * <p>Signals are row vectors of blocks multiplied from the right. Filter read-out: analysis filter k
 * is {@code h_k(jN + N−1−i) = Pₐ,ⱼ[i, k]} (column k, blocks in reverse order), synthesis filter k is
 * {@code f_k(jN + i) = Pₛ,ⱼ[k, i]}. Every filter is the prototype modulated by
 * {@link BankStructure#modulation}; with the standard implementation (filter, keep every N-th sample
 * from sample 0, insert zeros, filter, sum) the output is the input delayed by
 * {@link BankStructure#delay()} samples.
 *
 * <p>All results are {@link Tensor} expressions of {@link #coefficients()}, so a coefficient tensor that
 * requires gradients gets them through every read-out. The bank owns a few constant matrices; close it
 * when done.
 */
public final class ModulatedFilterBank implements AutoCloseable {
    private final BankStructure structure;
    private final Tensor coefficients;
    private final BankConstants constants;
    private final boolean ownsConstants;

    /**
     * A bank with the given coefficient matrix ({@code [3 + P + Q, N/2]}, FLOAT64; see
     * {@link BankStructure}). The tensor is used, not copied: updating it in place changes the bank.
     */
    public ModulatedFilterBank(BankStructure structure, Tensor coefficients) {
        this(structure, coefficients, null);
    }

    private ModulatedFilterBank(BankStructure structure, Tensor coefficients, BankConstants shared) {
        if (coefficients.rank() != 2 || coefficients.shape().dim(0) != structure.coefficientRows()
                || coefficients.shape().dim(1) != structure.half()) {
            throw new IllegalArgumentException("filter bank " + structure + " needs coefficients of shape ["
                    + structure.coefficientRows() + ", " + structure.half() + "], not " + coefficients.shape());
        }
        if (coefficients.dtype() != DType.FLOAT64) {
            throw new IllegalArgumentException("filter bank coefficients must be FLOAT64, not " + coefficients.dtype());
        }
        this.structure = structure;
        this.coefficients = coefficients;
        this.ownsConstants = shared == null;
        this.constants = ownsConstants ? new BankConstants(structure) : shared;
    }

    /**
     * A bank of the same structure reading other coefficients, sharing this bank's constant matrices
     * (cheap: for building a bank per objective evaluation). Closing it releases nothing; the shared
     * matrices live until this bank is closed.
     */
    public ModulatedFilterBank withCoefficients(Tensor other) {
        return new ModulatedFilterBank(structure, other, constants);
    }

    /**
     * The starting coefficients of a design, {@code [3 + P + Q, N/2]} as a host array in row-major order:
     * the sine-window MDCT butterflies and all stage coefficients 0, so that G stages reduce to the
     * permutation J, H stages to z⁻¹·J, and the bank is the sine-window MDCT delayed by Q blocks.
     */
    public static double[] sineWindowStart(BankStructure structure) {
        double[] start = new double[structure.parameterCount()];
        double[] butterflies = FoldingMatrix.sineWindow(structure.subbands());
        System.arraycopy(butterflies, 0, start, 0, butterflies.length);
        return start;
    }

    /** The shape of this bank. */
    public BankStructure structure() {
        return structure;
    }

    /** The coefficient matrix this bank reads (not a copy). */
    public Tensor coefficients() {
        return coefficients;
    }

    /** The folding matrix Fₐ, {@code [N, N]}. */
    public Tensor foldingMatrix() {
        return FoldingMatrix.analysis(FoldingMatrix.butterflies(coefficients.slice(0, 0, 3)), constants.placement);
    }

    /** The analysis polyphase matrix Pₐ(z), N×N of degree 1 + P + Q. */
    public PolyMatrix analysisPolyphase() {
        Tensor folding = foldingMatrix();
        PolyMatrix chain = PolyMatrix.ofTerms(folding).times(constants.delay);
        for (int row = 3; row < structure.coefficientRows(); row++) {
            chain = stage(row).applyAnalysis(chain, coefficients.slice(0, row, row + 1));
        }
        return chain.times(constants.dct4);
    }

    /** The synthesis polyphase matrix Pₛ(z), N×N of degree 1 + P + Q, with {@code Pₐ(z)·Pₛ(z) = z^-(1+2Q)·I}. */
    public PolyMatrix synthesisPolyphase() {
        Tensor entries = FoldingMatrix.butterflies(coefficients.slice(0, 0, 3));
        PolyMatrix chain = PolyMatrix.ofTerms(constants.dct4);
        for (int row = structure.coefficientRows() - 1; row >= 3; row--) {
            chain = stage(row).applySynthesis(chain, coefficients.slice(0, row, row + 1));
        }
        return chain.times(constants.delayInverse).times(FoldingMatrix.synthesis(entries, constants.placement));
    }

    private Stage stage(int row) {
        return row < 3 + structure.zeroDelayStages() ? Stage.ZERO_DELAY : Stage.MAXIMUM_DELAY;
    }

    /** The N analysis impulse responses, {@code [N, L]}: row k is h_k(0…L−1). */
    public Tensor analysisFilters() {
        return analysisFilters(analysisPolyphase());
    }

    /** Reads the analysis filters out of an analysis polyphase matrix: {@code h_k(jN + N−1−i) = Pⱼ[i, k]}. */
    public static Tensor analysisFilters(PolyMatrix analysis) {
        int n = analysis.cols();
        return analysis.coefficients().flip(1).permute(2, 0, 1).reshape(n, analysis.terms() * analysis.rows());
    }

    /** The N synthesis impulse responses, {@code [N, L]}: row k is f_k(0…L−1). */
    public Tensor synthesisFilters() {
        return synthesisFilters(synthesisPolyphase());
    }

    /** Reads the synthesis filters out of a synthesis polyphase matrix: {@code f_k(jN + i) = Pⱼ[k, i]}. */
    public static Tensor synthesisFilters(PolyMatrix synthesis) {
        int n = synthesis.rows();
        return synthesis.coefficients().permute(1, 0, 2).reshape(n, synthesis.terms() * synthesis.cols());
    }

    /**
     * The baseband prototype h(n), {@code [L]}: analysis filter 0 divided by its modulation function
     * (which never vanishes), so that {@code h_k(n) = h(n)·√(2/N)·cos(π/N·(k + ½)·(n + n₀))}.
     */
    public Tensor prototype() {
        return prototype(analysisFilters());
    }

    /** The prototype read out of already computed analysis filters {@code [N, L]}. */
    public Tensor prototype(Tensor analysisFilters) {
        return analysisFilters.slice(0, 0, 1).reshape(structure.length()).div(constants.baseModulation);
    }

    /** Releases the constant matrices (not the coefficients). */
    @Override
    public void close() {
        if (ownsConstants) {
            constants.close();
        }
    }

    @Override
    public String toString() {
        return "ModulatedFilterBank[" + structure + "]";
    }
}
