package io.faltung.nn.recurrent;

import io.faltung.tensor.Tensor;

/**
 * One recurrent layer over a whole sequence, as a function of its input, weights and initial
 * state: the computation behind {@link RecurrentLayer}, differentiated by composition.
 *
 * <p>The cell's {@link Cell#sweep} gets the input time-major, {@code [T, B, F]}: the input
 * projection of all T steps is one matrix product {@code [T·B, F]·Wihᵀ}; the recurrent part is
 * added step by step. The outputs come back time-major, {@code [T, B, H]}, and are handed on as the
 * view {@code [B, T, H]}.
 */
final class Recurrence {
    private Recurrence() {
    }

    /**
     * The result of a sweep.
     *
     * @param sequence every step's h, {@code [B, T, H]}, or {@code null} when not asked for
     * @param state    the final state, {@code {h}} or {@code {h, c}}
     */
    record Sweep(Tensor sequence, Tensor[] state) {
    }

    /**
     * Runs {@code cell} over {@code x [B, T, F]} from {@code initial}. With {@code truncation > 0}
     * the state is cut from the graph every {@code truncation} steps (truncated backpropagation
     * through time: no gradient flows back further than that).
     */
    static Sweep sweep(Cell cell, Tensor x, StackWeights w, Tensor[] initial, int truncation, boolean keepSequence) {
        Sweep s = cell.sweep(x.transpose(0, 1), initial, w, truncation);
        return new Sweep(keepSequence ? s.sequence().transpose(0, 1) : null, s.state());
    }

    /** {@code x·Wihᵀ + b_ih (+ b_hh)} of every step of {@code x [T, B, F]}: {@code [T, B, G·H]}. */
    static Tensor projectSteps(Cell cell, Tensor x, StackWeights w) {
        int steps = x.shape().dim(0);
        int batch = x.shape().dim(1);
        return project(cell, x.reshape(steps * batch, x.shape().dim(2)), w).reshape(steps, batch, -1);
    }

    /** The last step of a time-major sequence {@code [T, B, H]}: {@code [B, H]}. */
    static Tensor last(Tensor sequence) {
        int steps = sequence.shape().dim(0);
        return sequence.slice(0, steps - 1, steps).reshape(sequence.shape().dim(1), sequence.shape().dim(2));
    }

    /** One step on {@code x [B, F]}: the same arithmetic as one iteration of {@link #sweep}. */
    static Tensor[] step(Cell cell, Tensor x, StackWeights w, Tensor[] state) {
        return cell.step(project(cell, x, w), state, w);
    }

    /** {@code x·Wihᵀ + b_ih (+ b_hh)} for rows {@code x [N, F]}. */
    private static Tensor project(Cell cell, Tensor x, StackWeights w) {
        Tensor gates = x.matmul(w.input().transpose());
        if (!w.hasBias()) {
            return gates;
        }
        return gates.add(cell.foldsHiddenBias() ? w.inputBias().add(w.hiddenBias()) : w.inputBias());
    }

    static Tensor[] detached(Tensor[] state) {
        Tensor[] out = new Tensor[state.length];
        for (int i = 0; i < state.length; i++) {
            out[i] = state[i].detach();
        }
        return out;
    }
}
