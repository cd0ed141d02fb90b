package io.faltung.optim.minimize;

import io.faltung.tensor.Tensor;

/**
 * A function of n real variables to minimise, written with {@link Tensor} operations so that
 * autograd supplies its gradient. {@code x[i]} is the i-th variable as a FLOAT64 scalar
 * (rank 0); the result must be a one-element FLOAT64 tensor, e.g.
 * {@code x -> x[0].cos().sub(x[1].sin())}. Constants must be FLOAT64 too
 * ({@code Tensor.of(new double[] {…})} or the {@code add(double)}-style methods).
 */
@FunctionalInterface
public interface Objective {
    /** f(x) as a one-element tensor. */
    Tensor apply(Tensor[] x);
}
