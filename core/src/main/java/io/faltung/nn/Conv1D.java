package io.faltung.nn;

/**
 * A 1-D convolution layer over signals laid out channels-first, {@code [channels, length]} per
 * sample (batches {@code [N, C, L]}, as PyTorch's {@code nn.Conv1d}; Keras' default is
 * channels-last {@code [L, C]}, so transpose Keras data before use).
 *
 * <p>Computes cross-correlation (see {@link ConvLayer}); {@code weight} is
 * {@code [filters, channels/groups, kernel]} and {@code bias} {@code [filters]}. With
 * {@link Padding#CAUSAL} output {@code t} depends only on inputs {@code ≤ t}, and a stack of such
 * layers can run sample by sample with {@link Sequential#streaming()}:
 *
 * <pre>{@code
 * var model = new Sequential(new Conv1D(1, 8).padding(Padding.CAUSAL).bias(false));
 * model.build(Shape.of(1, 23));
 * }</pre>
 */
public final class Conv1D extends ConvLayer<Conv1D> implements Streamable {
    /** {@code filters} output channels with kernels of {@code kernel} taps. */
    public Conv1D(int filters, int kernel) {
        super(filters, new int[] {kernel});
    }

    @Override
    public StreamState openStream() {
        if (padding() != Padding.CAUSAL) {
            throw new IllegalStateException(this + " cannot stream: only causal padding makes output t independent of"
                    + " inputs after t; build the model with padding(Padding.CAUSAL)");
        }
        if (stride()[0] != 1) {
            throw new IllegalStateException(this + " cannot stream: streaming needs stride 1");
        }
        if (activation() == Activation.SOFTMAX) {
            throw new IllegalStateException(this + " cannot stream: softmax normalises over time (the last axis)");
        }
        return new CausalConvStream(this, window().extent(0) - 1);
    }
}
