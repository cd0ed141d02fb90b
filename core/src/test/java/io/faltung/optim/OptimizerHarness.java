package io.faltung.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.faltung.tensor.Scope;
import io.faltung.tensor.Tensor;
import java.util.List;

/**
 * A small known problem for checking optimisers step by step: the FLOAT64 parameter θ (3 elements)
 * under the loss {@code L(θ) = Σ (aᵢ·θᵢ²/2 + bᵢ·θᵢ)}, whose gradient is {@code gᵢ = aᵢ·θᵢ + bᵢ}.
 * The optimiser sees gradients computed by autograd; the expected values are computed in doubles
 * from the documented formula by a {@link Rule} written in the test.
 */
final class OptimizerHarness {
    static final double[] THETA0 = {1.0, -2.0, 0.5};
    static final double[] A = {1.0, 3.0, 0.5};
    static final double[] B = {0.5, -1.0, 2.0};

    /** One hand-written update of the expected parameter values (element i, step t ≥ 1). */
    interface Rule {
        double update(int i, double theta, double g, int t);
    }

    private OptimizerHarness() {
    }

    /** The gradient of the loss at {@code theta}, in doubles. */
    static double gradient(int i, double theta) {
        return A[i] * theta + B[i];
    }

    /** Computes the loss on {@code theta} and backpropagates into it (replacing its gradient). */
    static void backward(Tensor theta) {
        try (Scope s = Scope.open()) {
            theta.zeroGrad();
            Tensor a = Tensor.of(A, 3);
            Tensor b = Tensor.of(B, 3);
            theta.square().mul(a).mul(0.5).add(theta.mul(b)).sum().backward();
        }
    }

    /** Backpropagates the loss into {@code theta} and takes one step of {@code optimizer}. */
    static void step(Optimizer optimizer, Tensor theta) {
        backward(theta);
        optimizer.step(List.of(theta));
    }

    /** A fresh FLOAT64 parameter at {@link #THETA0}, owned by the caller. */
    static Tensor parameter() {
        return Scope.unscoped(() -> Tensor.of(THETA0.clone(), 3).requiresGrad(true));
    }

    /** Runs {@code steps} steps of {@code optimizer} and of {@code rule} side by side, comparing each. */
    static void checkSteps(Optimizer optimizer, Rule rule, int steps) {
        Tensor theta = parameter();
        double[] expected = THETA0.clone();
        for (int t = 1; t <= steps; t++) {
            step(optimizer, theta);
            for (int i = 0; i < expected.length; i++) {
                expected[i] = rule.update(i, expected[i], gradient(i, expected[i]), t);
            }
            double[] actual = theta.toDoubleArray();
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], actual[i], 1e-12 * Math.max(1, Math.abs(expected[i])),
                        optimizer + " step " + t + " element " + i);
            }
        }
        theta.grad().close();
        theta.close();
    }
}
