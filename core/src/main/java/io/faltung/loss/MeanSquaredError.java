package io.faltung.loss;

import io.faltung.tensor.Tensor;

/** {@code mean((output − target)²)}. */
final class MeanSquaredError implements Loss {
    @Override
    public Tensor compute(Tensor output, Tensor target) {
        Targets.sameShape(this, output, target);
        return output.sub(target).square().mean();
    }

    @Override
    public String name() {
        return "mean squared error";
    }

    @Override
    public String toString() {
        return name();
    }
}
