package io.faltung.nn.recurrent;

import io.faltung.tensor.Tensor;

/**
 * The arithmetic of one time step of one recurrent layer. The input projection
 * {@code x·Wihᵀ + b} of every step is computed before the time loop in one matrix product (see
 * {@link Recurrence}); a step only adds the recurrent part.
 */
interface Cell {
    /** Gate blocks per hidden unit: 1 (simple RNN), 4 (LSTM: i, f, g, o), 3 (GRU: r, z, n). */
    int gates();

    /** Whether the state carries a cell state c besides h (LSTM). */
    default boolean hasCellState() {
        return false;
    }

    /**
     * Whether {@code bias_hh} may be added to the input projection once instead of at every step
     * (true unless the recurrent pre-activation is multiplied by a gate, as in GRU's candidate).
     */
    default boolean foldsHiddenBias() {
        return true;
    }

    /**
     * The state after one step: {@code {h}} or {@code {h, c}}, each {@code [batch, H]}.
     *
     * @param inputGates this step's input projection {@code [batch, G·H]} (including {@code bias_hh}
     *                   when {@link #foldsHiddenBias()})
     * @param state      the previous state, {@code {h}} or {@code {h, c}}
     * @param weights    the layer's parameters
     */
    Tensor[] step(Tensor inputGates, Tensor[] state, StackWeights weights);

    /**
     * All steps at once: every step's h, {@code [T, B, H]} time-major, and the final state.
     * By default a loop of {@link #step}; gated cells run one whole-sequence operation instead.
     *
     * @param x          the inputs of every step, {@code [T, B, F]} time-major
     * @param initial    the initial state, {@code {h}} or {@code {h, c}}
     * @param truncation cut the state from the graph before every step {@code t > 0} with
     *                   {@code t % truncation == 0} (0: never)
     */
    default Recurrence.Sweep sweep(Tensor x, Tensor[] initial, StackWeights weights, int truncation) {
        Tensor[] inputs = Recurrence.projectSteps(this, x, weights).unbind(0);
        Tensor[] state = initial;
        Tensor[] outputs = new Tensor[inputs.length];
        for (int t = 0; t < inputs.length; t++) {
            if (truncation > 0 && t > 0 && t % truncation == 0) {
                state = Recurrence.detached(state);
            }
            state = step(inputs[t], state, weights);
            outputs[t] = state[0].reshape(1, state[0].shape().dim(0), state[0].shape().dim(1));
        }
        return new Recurrence.Sweep(Tensor.concat(0, outputs), state);
    }
}
