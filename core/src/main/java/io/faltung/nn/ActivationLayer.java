package io.faltung.nn;

import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;
import java.util.Objects;

/** An {@link Activation} as a layer of its own: same shape in and out, no parameters. */
public final class ActivationLayer extends Layer implements Streamable {
    private final Activation activation;

    /** A layer applying {@code activation}. */
    public ActivationLayer(Activation activation) {
        this.activation = Objects.requireNonNull(activation, "activation");
    }

    /** The function applied. */
    public Activation activation() {
        return activation;
    }

    @Override
    protected String kind() {
        return "activation";
    }

    @Override
    protected Shape inferOutputShape(Shape input) {
        if (activation == Activation.SOFTMAX && input.rank() == 0) {
            throw incompatible(input, "at least a 1-D input per sample (softmax normalises the last axis)", null);
        }
        return input;
    }

    @Override
    protected Tensor call(Tensor batch, boolean training) {
        return activation.apply(batch);
    }

    /** Streams elementwise activations; softmax (over the last axis, which is time in a stream) cannot stream. */
    @Override
    public StreamState openStream() {
        if (activation == Activation.SOFTMAX) {
            throw new IllegalStateException(this + " cannot stream: softmax normalises over the last axis, which is time"
                    + " in a signal [channels, length]");
        }
        return activation::apply;
    }

    @Override
    public String toString() {
        return "Activation(" + activation.name() + ")";
    }
}
