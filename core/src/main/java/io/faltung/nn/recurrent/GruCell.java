package io.faltung.nn.recurrent;

import io.faltung.ops.RecurrentCells;
import io.faltung.tensor.Tensor;

/**
 * One GRU step: the input part {@code x·Wihᵀ + b_ih} and the recurrent part {@code h·Whhᵀ + b_hh}
 * (each in order r, z, n) stay separate, because the reset gate multiplies the recurrent part of
 * the candidate (PyTorch's formulation); the fused cell primitive does the rest.
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
}
