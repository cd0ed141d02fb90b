package io.faltung.nn.init;

import io.faltung.tensor.RandomStream;
import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;

/** {@code U(low, high)} regardless of the shape. */
record Uniform(double low, double high) implements Initializer {
    Uniform {
        if (!(low < high) || Double.isInfinite(low) || Double.isInfinite(high)) {
            throw new IllegalArgumentException("a uniform initialiser needs finite low < high, not [" + low + ", " + high
                    + ")");
        }
    }

    @Override
    public Tensor create(Shape shape, RandomStream random) {
        return random.uniform(shape, low, high);
    }

    @Override
    public String toString() {
        return "uniform(" + low + ", " + high + ")";
    }
}
