package io.faltung.nn;

import io.faltung.tensor.Scope;
import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;

/**
 * A causal {@link Conv1D} run block by block: the last {@code history} input frames are kept
 * (zeros at the start, like causal padding), prepended to each block, and the result convolved
 * without padding, so output {@code t} sees exactly the inputs the whole-signal convolution sees.
 */
final class CausalConvStream implements StreamState {
    private final Conv1D layer;
    private final int history;
    private Tensor past;

    CausalConvStream(Conv1D layer, int history) {
        this.layer = layer;
        this.history = history;
    }

    @Override
    public Tensor step(Tensor block) {
        Shape s = block.shape();
        int channels = layer.inputShape().dim(0);
        if (s.rank() != 3 || s.dim(1) != channels) {
            throw new IllegalArgumentException(layer + " streams blocks [batch, " + channels + ", time] but gets " + s);
        }
        if (history == 0) {
            return layer.apply(block, Padding.VALID);
        }
        if (past == null) {
            past = Scope.unscoped(() -> block.fullLike(Shape.of(s.dim(0), channels, history), 0));
        } else if (past.shape().dim(0) != s.dim(0)) {
            throw new IllegalArgumentException(layer + " is streaming a batch of " + past.shape().dim(0)
                    + " signals and cannot take a block of " + s.dim(0) + "; open another stream");
        }
        Tensor x = Tensor.concat(2, past, block);
        int length = x.shape().dim(2);
        past.assign(x.slice(2, length - history, length));
        return layer.apply(x, Padding.VALID);
    }

    @Override
    public void close() {
        if (past != null) {
            past.close();
            past = null;
        }
    }
}
