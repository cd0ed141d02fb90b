package io.faltung.dsp.filterbank;

import io.faltung.tensor.Tensor;

/**
 * A polynomial matrix in z⁻¹, {@code A(z) = Σⱼ Aⱼ·z⁻ʲ}, held as one tensor of shape
 * {@code [terms, rows, cols]} whose first index is the power of z⁻¹ (the lectures' {@code A[row, col,
 * power]} with the power axis moved to the front, so that a product is one batched matrix product).
 *
 * <p>Polyphase matrices of a filter bank act on row vectors of blocks from the right: a signal
 * block sequence xₘ produces {@code yₘ = Σⱼ xₘ₋ⱼ·Aⱼ}. All operations are {@link Tensor} operations,
 * so coefficients that require gradients carry them through every product.
 */
public final class PolyMatrix {
    private final Tensor coefficients;

    private PolyMatrix(Tensor coefficients) {
        this.coefficients = coefficients;
    }

    /** The polynomial matrix with coefficient stack {@code coefficients} of shape {@code [terms, rows, cols]}. */
    public static PolyMatrix of(Tensor coefficients) {
        if (coefficients.rank() != 3 || coefficients.shape().dim(0) < 1) {
            throw new IllegalArgumentException("a polynomial matrix needs coefficients of shape"
                    + " [terms ≥ 1, rows, cols], not " + coefficients.shape());
        }
        return new PolyMatrix(coefficients);
    }

    /** The polynomial matrix {@code Σⱼ termⱼ·z⁻ʲ}; every term is a {@code [rows, cols]} matrix. */
    public static PolyMatrix ofTerms(Tensor... terms) {
        if (terms.length == 0) {
            throw new IllegalArgumentException("a polynomial matrix needs at least one term");
        }
        Tensor[] stacked = new Tensor[terms.length];
        for (int j = 0; j < terms.length; j++) {
            if (terms[j].rank() != 2 || !terms[j].shape().equals(terms[0].shape())) {
                throw new IllegalArgumentException("term " + j + " of a polynomial matrix has shape " + terms[j].shape()
                        + "; every term must be a matrix of shape " + terms[0].shape());
            }
            stacked[j] = terms[j].reshape(1, terms[j].shape().dim(0), terms[j].shape().dim(1));
        }
        return new PolyMatrix(terms.length == 1 ? stacked[0] : Tensor.concat(0, stacked));
    }

    /** The coefficient stack {@code [terms, rows, cols]}. */
    public Tensor coefficients() {
        return coefficients;
    }

    /** The coefficient of z⁻ʲ, a {@code [rows, cols]} view (zero matrices beyond the degree are not stored). */
    public Tensor coefficient(int power) {
        if (power < 0 || power >= terms()) {
            throw new IllegalArgumentException("power " + power + " out of range for a polynomial matrix with "
                    + terms() + " terms");
        }
        return coefficients.slice(0, power, power + 1).reshape(rows(), cols());
    }

    /** Number of stored terms (degree + 1). */
    public int terms() {
        return coefficients.shape().dim(0);
    }

    /** Highest power of z⁻¹. */
    public int degree() {
        return terms() - 1;
    }

    /** Rows of each coefficient. */
    public int rows() {
        return coefficients.shape().dim(1);
    }

    /** Columns of each coefficient. */
    public int cols() {
        return coefficients.shape().dim(2);
    }

    /**
     * The matrix product {@code this(z)·other(z)}: {@code Cₛ = Σᵢ Aᵢ·Bₛ₋ᵢ}. All products {@code Aᵢ·Bⱼ}
     * come from one matrix product; the sums along {@code i + j = s} from one skewed reshape and a
     * reduction, so the recorded graph has a fixed, small number of operations.
     */
    public PolyMatrix times(PolyMatrix other) {
        if (cols() != other.rows()) {
            throw new IllegalArgumentException("polynomial matrix product: " + coefficients.shape() + " · "
                    + other.coefficients.shape() + " needs cols " + cols() + " = rows " + other.rows());
        }
        int da = terms();
        int db = other.terms();
        int n = rows();
        int m = cols();
        int k = other.cols();
        if (db == 1) {
            return new PolyMatrix(coefficients.matmul(other.coefficient(0)));
        }
        if (da == 1) {
            return new PolyMatrix(coefficient(0).matmul(other.coefficients));
        }
        Tensor right = other.coefficients.permute(1, 0, 2).reshape(m, db * k);
        Tensor outer = coefficients.reshape(da * n, m).matmul(right)       // [da·n, db·k]
                .reshape(da, n, db, k).permute(0, 2, 1, 3)                 // [i, j, n, k]: Aᵢ·Bⱼ
                .pad(new int[] {0, 0, 0, 0}, new int[] {0, da, 0, 0});     // [i, db + da, n, k]
        // Row i of the flattened stack, re-cut into rows of db + da − 1, starts i places later: (i, j) → (i, i + j).
        Tensor skewed = outer.reshape(da * (db + da), n, k).slice(0, 0, da * (db + da - 1))
                .reshape(da, db + da - 1, n, k);
        return new PolyMatrix(skewed.sum(0));
    }

    /** The constant matrix product {@code this(z)·m} with {@code m} of shape {@code [cols, k]}. */
    public PolyMatrix times(Tensor m) {
        if (m.rank() != 2 || m.shape().dim(0) != cols()) {
            throw new IllegalArgumentException("polynomial matrix " + coefficients.shape() + " · matrix " + m.shape()
                    + ": expected a matrix with " + cols() + " rows");
        }
        return new PolyMatrix(coefficients.matmul(m));
    }

    /**
     * {@code this(z)·S(z)} for a stage {@code S(z) = J + z⁻¹·diag(v)}, or {@code S(z) = diag(v) + z⁻¹·J}
     * when {@code diagonalFirst}, with J the anti-identity and {@code v} of shape {@code [1, cols]}:
     * {@code X·J} reverses the columns and {@code X·diag(v)} scales them, so no matrix product is needed.
     */
    public PolyMatrix timesStage(Tensor v, boolean diagonalFirst) {
        if (rows() != cols() || v.rank() != 2 || v.shape().dim(0) != 1 || v.shape().dim(1) != cols()) {
            throw new IllegalArgumentException("stage product: a square polynomial matrix " + coefficients.shape()
                    + " and a diagonal of shape [1, " + cols() + "] are needed, got " + v.shape());
        }
        Tensor reversed = coefficients.flip(2);
        Tensor scaled = coefficients.mul(v);
        Tensor first = diagonalFirst ? scaled : reversed;
        Tensor second = diagonalFirst ? reversed : scaled;
        int[] none = {0, 0, 0};
        return new PolyMatrix(first.pad(none, new int[] {1, 0, 0}).add(second.pad(new int[] {1, 0, 0}, none)));
    }

    /** {@code z⁻ᵇ·this(z)}: the coefficients moved {@code blocks} powers up. */
    public PolyMatrix delayed(int blocks) {
        if (blocks < 0) {
            throw new IllegalArgumentException("a causal delay needs blocks ≥ 0, got " + blocks);
        }
        return blocks == 0 ? this : new PolyMatrix(coefficients.pad(new int[] {blocks, 0, 0}, new int[] {0, 0, 0}));
    }

    @Override
    public String toString() {
        return "PolyMatrix[" + rows() + "×" + cols() + ", degree " + degree() + "]";
    }
}
