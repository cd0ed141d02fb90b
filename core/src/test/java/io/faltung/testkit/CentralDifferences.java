package io.faltung.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import io.faltung.autograd.NoGrad;
import io.faltung.spi.DType;
import io.faltung.tensor.Scope;
import io.faltung.tensor.Tensor;
import java.util.List;
import java.util.function.Supplier;

/**
 * Compares autograd gradients of a scalar function with central differences
 * {@code (f(x + ε) − f(x − ε)) / 2ε}, element by element, in FLOAT64. A small check for composites
 * (layers, losses) until the shared {@code GradCheck} arrives.
 */
public final class CentralDifferences {
    private CentralDifferences() {
    }

    /**
     * Checks every element of every tensor in {@code inputs} (FLOAT64 leaves that require grad) for
     * the scalar {@code f}; fails naming the input, the element and both values.
     */
    public static void check(Supplier<Tensor> f, List<Tensor> inputs) {
        check(f, inputs, 1e-6, 1e-6);
    }

    /** As {@link #check(Supplier, List)}, with step {@code eps} and tolerance {@code tol·max(1, |g|)}. */
    public static void check(Supplier<Tensor> f, List<Tensor> inputs, double eps, double tol) {
        try (Scope scope = Scope.open()) {
            for (Tensor in : inputs) {
                if (in.dtype() != DType.FLOAT64 || !in.requiresGrad()) {
                    throw new IllegalArgumentException("gradient checks need FLOAT64 leaves that require grad, not " + in);
                }
                in.zeroGrad();
            }
            f.get().backward();
            for (int k = 0; k < inputs.size(); k++) {
                Tensor in = inputs.get(k);
                if (in.grad() == null) {
                    fail("input " + k + " " + in.shape() + " received no gradient");
                }
                double[] analytic = in.grad().toDoubleArray();
                double[] x = in.toDoubleArray();
                for (int i = 0; i < x.length; i++) {
                    double numeric = (valueAt(f, in, x, i, eps) - valueAt(f, in, x, i, -eps)) / (2 * eps);
                    in.assign(Tensor.of(x, in.shape().toArray()));
                    if (Math.abs(numeric - analytic[i]) > tol * Math.max(1, Math.abs(numeric))) {
                        fail("input " + k + " " + in.shape() + " element " + i + ": autograd " + analytic[i]
                                + ", central difference " + numeric);
                    }
                }
            }
        }
    }

    private static double valueAt(Supplier<Tensor> f, Tensor in, double[] x, int i, double delta) {
        double[] moved = x.clone();
        moved[i] += delta;
        try (Scope scope = Scope.open(); NoGrad ignored = NoGrad.enter()) {
            in.assign(Tensor.of(moved, in.shape().toArray()));
            return f.get().item();
        }
    }
}
