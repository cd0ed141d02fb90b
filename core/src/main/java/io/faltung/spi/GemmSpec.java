package io.faltung.spi;

/**
 * Parameters of a (batched) matrix product {@code C = alpha · op(A) · op(B) + beta · C}.
 *
 * <p>Operands are rank-2 views {@code [rows, cols]} or rank-3 views {@code [batch, rows, cols]}.
 * {@code op(A)} is {@code A} or, with {@link #transposeA()}, its transpose, so {@code A} is stored
 * as {@code [M, K]} or {@code [K, M]}; likewise {@code B} as {@code [K, N]} or {@code [N, K]}; {@code C}
 * is {@code [M, N]}. A batch extent of 1 with stride 0 broadcasts an operand over the batch.
 * With {@code beta == 0} the previous contents of {@code C} are ignored, even NaN.
 */
public record GemmSpec(boolean transposeA, boolean transposeB, double alpha, double beta) {

    /** {@code C = A · B}. */
    public static GemmSpec plain() {
        return new GemmSpec(false, false, 1.0, 0.0);
    }

    /** {@code C = op(A) · op(B)} with the given transpose flags. */
    public static GemmSpec of(boolean transposeA, boolean transposeB) {
        return new GemmSpec(transposeA, transposeB, 1.0, 0.0);
    }

    /** The same product accumulated into {@code C} ({@code beta = 1}). */
    public GemmSpec accumulate() {
        return new GemmSpec(transposeA, transposeB, alpha, 1.0);
    }
}
