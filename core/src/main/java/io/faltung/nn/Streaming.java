package io.faltung.nn;

import io.faltung.autograd.NoGrad;
import io.faltung.tensor.Scope;
import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;

/**
 * A built model run sample by sample (or block by block) over an endless signal, giving the same
 * numbers as the model applied to the whole signal at once. It keeps each causal layer's history
 * in its own buffers; close it to free them.
 *
 * <pre>{@code
 * try (var stream = model.streaming()) {
 *     for (float sample : soundCard) out.write(stream.step(sample));
 * }
 * }</pre>
 *
 * Steps run in inference mode (dropout off, batch normalisation on running statistics) without
 * recording gradients. The model's per-sample input is {@code [channels, length]}; the length it
 * was built for does not limit the stream.
 */
public final class Streaming implements AutoCloseable {
    private final Layer model;
    private final StreamState state;
    private final int inChannels;
    private final int outChannels;

    Streaming(Layer model, StreamState state) {
        this.model = model;
        this.state = state;
        this.inChannels = model.inputShape().dim(0);
        this.outChannels = model.outputShape().dim(0);
    }

    /**
     * The output for the next block {@code [batch, channels, time]} of the signal(s), as
     * {@code [batch, outChannels, time]} in the caller's scope. Every block of one stream has the
     * same batch size.
     */
    public Tensor step(Tensor block) {
        if (block.dtype() != model.dtype()) {
            throw new IllegalArgumentException(model + " has " + model.dtype() + " parameters but the stream gets a "
                    + block.dtype() + " block; convert the block with block.to(" + model.dtype() + ")");
        }
        try (NoGrad ignored = NoGrad.enter(); Scope scope = Scope.open()) {
            return scope.keep(state.step(block));
        }
    }

    /** The output frame for one input frame (one value per input channel) of a single signal. */
    public float[] step(float[] frame) {
        if (frame.length != inChannels) {
            throw new IllegalArgumentException(model + " takes " + inChannels + " channel(s) per time step but the"
                    + " frame has " + frame.length + " values");
        }
        try (Scope scope = Scope.open()) {
            return step(Tensor.of(frame, 1, inChannels, 1).to(model.dtype())).toFloatArray();
        }
    }

    /** The output sample for one input sample of a single-channel model with one output channel. */
    public float step(float sample) {
        if (inChannels != 1 || outChannels != 1) {
            throw new IllegalStateException(model + " maps " + inChannels + " channel(s) to " + outChannels
                    + "; step(float) needs one to one — use step(float[]) or step(Tensor)");
        }
        return step(new float[] {sample})[0];
    }

    /** The per-sample input shape the model was built for. */
    public Shape inputShape() {
        return model.inputShape();
    }

    /** Frees the history buffers. */
    @Override
    public void close() {
        state.close();
    }
}
