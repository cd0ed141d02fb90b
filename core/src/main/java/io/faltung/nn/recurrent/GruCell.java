package io.faltung.nn.recurrent;

import io.faltung.ops.RecurrentCells;
import io.faltung.ops.RecurrentSequences;
import io.faltung.tensor.Tensor;

/**
 * One GRU step: the input part {@code x·Wihᵀ + b_ih} and the recurrent part {@code h·Whhᵀ + b_hh}
 * (each in order r, z, n) stay separate, because the reset gate multiplies the recurrent part of
 * the candidate (PyTorch's formulation); the fused cell primitive does the rest. A whole sequence
 * runs as one operation ({@link RecurrentSequences#gru}).
 */
final class GruCell implements Cell {
    static final GruCell INSTANCE = new GruCell();

    private GruCell() {
    }

    @Override
    public int gates() {
        return 3;
    }

    @Override
    public boolean foldsHiddenBias() {
        return false;
    }

    @Override
    public Tensor[] step(Tensor inputGates, Tensor[] state, StackWeights weights) {
        Tensor hidden = state[0].matmul(weights.hidden().transpose());
        if (weights.hasBias()) {
            hidden = hidden.add(weights.hiddenBias());
        }
        return new Tensor[] {RecurrentCells.gruCell(inputGates, hidden, state[0])};
    }

    @Override
    public Recurrence.Sweep sweep(Tensor x, Tensor[] initial, StackWeights weights, int truncation) {
        RecurrentSequences.Input input = weights.hasBias()
                ? new RecurrentSequences.Input(x, weights.input(), weights.inputBias())
                : new RecurrentSequences.Input(x, weights.input());
        Tensor outputs = RecurrentSequences.gru(input, weights.hidden(), weights.hasBias() ? weights.hiddenBias() : null,
                initial[0], truncation).outputs();
        return new Recurrence.Sweep(outputs, new Tensor[] {Recurrence.last(outputs)});
    }
}
