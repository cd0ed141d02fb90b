package io.faltung.nn.recurrent;

import io.faltung.ops.RecurrentCells;
import io.faltung.ops.RecurrentSequences;
import io.faltung.tensor.Tensor;

/**
 * One LSTM step: the gate pre-activations {@code x·Wihᵀ + b_ih + b_hh + h·Whhᵀ} (order i, f, g, o)
 * go through the fused cell primitive, which returns the new h and c. A whole sequence runs as one
 * operation ({@link RecurrentSequences#lstm}).
 */
final class LstmCell implements Cell {
    static final LstmCell INSTANCE = new LstmCell();

    private LstmCell() {
    }

    @Override
    public int gates() {
        return 4;
    }

    @Override
    public boolean hasCellState() {
        return true;
    }

    @Override
    public Tensor[] step(Tensor inputGates, Tensor[] state, StackWeights weights) {
        Tensor gates = inputGates.add(state[0].matmul(weights.hidden().transpose()));
        RecurrentCells.LstmStep next = RecurrentCells.lstmCell(gates, state[1]);
        return new Tensor[] {next.h(), next.c()};
    }

    @Override
    public Recurrence.Sweep sweep(Tensor x, Tensor[] initial, StackWeights weights, int truncation) {
        RecurrentSequences.Input input = weights.hasBias()
                ? new RecurrentSequences.Input(x, weights.input(), weights.inputBias(), weights.hiddenBias())
                : new RecurrentSequences.Input(x, weights.input());
        RecurrentSequences.Sweep s = RecurrentSequences.lstm(input, weights.hidden(), initial[0], initial[1], truncation);
        return new Recurrence.Sweep(s.outputs(), new Tensor[] {Recurrence.last(s.outputs()), s.lastCell()});
    }
}
