package io.faltung.loss;

import io.faltung.tensor.Tensor;

/** The regression losses: {@code mean((output − target)²)} or {@code mean(|output − target|)}. */
final class MeanError implements Loss {
    private final boolean absolute;

    MeanError(boolean absolute) {
        this.absolute = absolute;
    }

    @Override
    public Tensor compute(Tensor output, Tensor target) {
        Targets.sameShape(this, output, target);
        Tensor error = output.sub(target);
        return (absolute ? error.abs() : error.square()).mean();
    }

    @Override
    public String name() {
        return absolute ? "mean absolute error" : "mean squared error";
    }

    @Override
    public String toString() {
        return name();
    }
}
