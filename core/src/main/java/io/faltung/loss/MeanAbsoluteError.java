package io.faltung.loss;

import io.faltung.tensor.Tensor;

/** {@code mean(|output − target|)}. */
final class MeanAbsoluteError implements Loss {
    @Override
    public Tensor compute(Tensor output, Tensor target) {
        Targets.sameShape(this, output, target);
        return output.sub(target).abs().mean();
    }

    @Override
    public String name() {
        return "mean absolute error";
    }

    @Override
    public String toString() {
        return name();
    }
}
