package io.faltung.nn.recurrent;

import io.faltung.tensor.Tensor;

/**
 * The parameters of one layer of a recurrent stack, in PyTorch's layout: {@code input}
 * ({@code weight_ih_lk}) is {@code [G·H, in]}, {@code hidden} ({@code weight_hh_lk}) is
 * {@code [G·H, H]}, the biases ({@code bias_ih_lk}, {@code bias_hh_lk}) are {@code [G·H]} or both
 * {@code null}; G is the cell's number of gate blocks, stacked along the first axis in the cell's
 * gate order.
 */
record StackWeights(Tensor input, Tensor hidden, Tensor inputBias, Tensor hiddenBias) {
    boolean hasBias() {
        return inputBias != null;
    }
}
