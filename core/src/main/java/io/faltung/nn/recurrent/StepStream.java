package io.faltung.nn.recurrent;

import io.faltung.nn.Layer;
import io.faltung.tensor.Scope;
import io.faltung.tensor.Tensor;

/**
 * A model run one time step at a time, carrying its recurrent state between calls: the real-time
 * case. After t steps the output equals what the model computes on the whole sequence of those t
 * steps. Steps run without recording gradients.
 *
 * <pre>{@code
 * try (StepStream stream = StepStream.of(model)) {
 *     for (float sample : soundCard) out.write(stream.step(sample)[0]);
 * }
 * }</pre>
 */
public interface StepStream extends AutoCloseable {
    /**
     * One step: {@code x [batch, features]} in, the model's output for this step out. The output
     * belongs to the {@link Scope} open at the call (or to the caller when none is).
     */
    Tensor step(Tensor x);

    /** One step of a batch of one, from plain values: the features in, the outputs out. */
    default float[] step(float... features) {
        try (Scope scope = Scope.open()) {
            return step(Tensor.of(features, 1, features.length)).toFloatArray();
        }
    }

    /** Forgets the state: the next step starts a new sequence. */
    void reset();

    /** Releases the state. */
    @Override
    void close();

    /**
     * A stream of {@code model}: a recurrent layer, or a {@link io.faltung.nn.Sequential} of
     * recurrent layers, elementwise layers between them (dropout, activations) and, after a last
     * recurrent layer that returns only its last output, layers of one-dimensional samples.
     *
     * @throws IllegalArgumentException naming the first layer that cannot be run step by step
     */
    static StepStream of(Layer model) {
        return ModelStream.of(model);
    }
}
