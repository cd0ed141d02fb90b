package io.faltung.nn.recurrent;

import io.faltung.nn.Activation;
import io.faltung.tensor.Tensor;

/** {@code h' = act(x·Wihᵀ + b_ih + h·Whhᵀ + b_hh)}: a composite of GEMM and the activation. */
record SimpleRnnCell(Activation activation) implements Cell {
    @Override
    public int gates() {
        return 1;
    }

    @Override
    public Tensor[] step(Tensor inputGates, Tensor[] state, StackWeights weights) {
        return new Tensor[] {activation.apply(inputGates.add(state[0].matmul(weights.hidden().transpose())))};
    }
}
