package io.faltung.optim.minimize;

import java.util.Arrays;

/**
 * One iterate of a minimiser or root finder, as passed to a trace callback: the iteration number
 * ({@code 0} is the starting point), the point, the function value there and its gradient
 * (for {@link Minimize#newtonRoot} the derivative f'(x)). The arrays are the receiver's own copies.
 */
public record Iterate(int index, double[] x, double value, double[] gradient) {
    /** Copies the arrays. */
    public Iterate {
        x = x.clone();
        gradient = gradient.clone();
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] gradient() {
        return gradient.clone();
    }

    @Override
    public String toString() {
        return "Iterate " + index + ": x = " + Arrays.toString(x) + ", f = " + value + ", gradient = "
                + Arrays.toString(gradient);
    }
}
