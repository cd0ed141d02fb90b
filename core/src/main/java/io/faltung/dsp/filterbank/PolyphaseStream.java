package io.faltung.dsp.filterbank;

import io.faltung.autograd.NoGrad;
import io.faltung.tensor.Scope;
import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;

/**
 * Runs a sequence of row-vector blocks through a polynomial matrix, {@code yₘ = Σⱼ xₘ₋ⱼ·Aⱼ}, any number
 * of blocks at a time, carrying the last {@code degree} input blocks between calls (zeros before the
 * first). Not recorded for autograd. Owns a copy of the coefficients; close it when done.
 */
final class PolyphaseStream implements AutoCloseable {
    private final int terms;
    private final int rows;
    private final Tensor stacked;
    private Tensor history;

    PolyphaseStream(PolyMatrix matrix) {
        this.terms = matrix.terms();
        this.rows = matrix.rows();
        try (NoGrad ignored = NoGrad.enter()) {
            // Row j·rows + r holds Aⱼ[r, ·], so the lagged blocks (xₘ, xₘ₋₁, …) meet all Aⱼ in one product.
            // mul(1) copies: later in-place changes of the matrix do not reach the stream.
            this.stacked = Scope.unscoped(() -> matrix.coefficients().reshape(terms * rows, matrix.cols()).mul(1.0));
            this.history = Scope.unscoped(() -> stacked.fullLike(Shape.of(terms - 1, rows), 0));
        }
    }

    /** Output blocks {@code [B, cols]} for the next input blocks {@code [B, rows]}, in the caller's scope. */
    Tensor push(Tensor blocks) {
        if (blocks.rank() != 2 || blocks.shape().dim(1) != rows) {
            throw new IllegalArgumentException("polyphase stream expects blocks of shape [count, " + rows + "], not "
                    + blocks.shape());
        }
        int count = blocks.shape().dim(0);
        int lag = terms - 1;
        if (count == 0) {
            return stacked.fullLike(Shape.of(0, stacked.shape().dim(1)), 0);
        }
        try (NoGrad ignored = NoGrad.enter(); Scope scope = Scope.open()) {
            Tensor all = lag == 0 ? blocks : Tensor.concat(0, history, blocks);
            Tensor[] lagged = new Tensor[terms];
            for (int j = 0; j < terms; j++) {
                lagged[j] = all.slice(0, lag - j, lag - j + count);
            }
            Tensor out = Tensor.concat(1, lagged).matmul(stacked);
            if (lag > 0) {
                Tensor last = all.slice(0, count, count + lag);
                Tensor kept = Scope.unscoped(last::detach);
                history.close();
                history = kept;
            }
            return scope.keep(out);
        }
    }

    /** Forgets the carried blocks (as if the stream started again). */
    void reset() {
        history.fill(0);
    }

    @Override
    public void close() {
        stacked.close();
        history.close();
    }
}
