package io.faltung.optim.minimize;

import io.faltung.autograd.NoGrad;
import io.faltung.tensor.Scope;
import io.faltung.tensor.Tensor;
import java.util.Arrays;

/** A point with the objective's value and gradient there, evaluated in FLOAT64 with autograd. */
record Point(double[] x, double value, double[] gradient) {

    /** f and ∇f at {@code x}; every tensor created is released before returning. */
    static Point evaluate(Objective f, double[] x) {
        if (!NoGrad.isGradEnabled()) {
            throw new IllegalStateException("Minimize needs autograd for the gradient but was called inside NoGrad");
        }
        int n = x.length;
        try (Scope scope = Scope.open()) {
            Tensor vector = Tensor.of(x.clone(), n).requiresGrad(true);
            Tensor[] parts = new Tensor[n];
            for (int i = 0; i < n; i++) {
                parts[i] = vector.slice(0, i, i + 1).reshape();
            }
            Tensor y = f.apply(parts);
            if (y == null || y.size() != 1) {
                throw new IllegalArgumentException("objective must return a one-element tensor, got "
                        + (y == null ? "null" : y.shape().toString()) + " at x = " + Arrays.toString(x));
            }
            double value = y.item();
            double[] gradient = new double[n];
            if (y.requiresGrad()) {
                y.backward();
                Tensor g = vector.grad();
                if (g != null) {
                    gradient = g.toDoubleArray();
                    g.close();
                }
            }
            return new Point(x.clone(), value, gradient);
        }
    }

    /** This point as the {@code index}-th iterate. */
    Iterate iterate(int index) {
        return new Iterate(index, x, value, gradient);
    }
}
