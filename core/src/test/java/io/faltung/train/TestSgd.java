package io.faltung.train;

import io.faltung.autograd.NoGrad;
import io.faltung.optim.Optimizer;
import io.faltung.tensor.Tensor;
import java.util.List;

/** Plain gradient descent for the training tests ({@code p ← p − lr·∇p}), counting its steps. */
final class TestSgd implements Optimizer {
    private double learningRate;
    private int steps;

    TestSgd(double learningRate) {
        this.learningRate = learningRate;
    }

    @Override
    public void step(List<Tensor> parameters) {
        steps++;
        try (NoGrad ignored = NoGrad.enter()) {
            for (Tensor p : parameters) {
                if (p.grad() != null) {
                    p.assign(p.sub(p.grad().mul(learningRate)));
                }
            }
        }
    }

    int steps() {
        return steps;
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public void learningRate(double value) {
        learningRate = value;
    }
}
