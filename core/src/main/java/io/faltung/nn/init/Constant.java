package io.faltung.nn.init;

import io.faltung.tensor.RandomStream;
import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;

/** Every element the same value; draws nothing from the stream. */
record Constant(double value) implements Initializer {
    @Override
    public Tensor create(Shape shape, RandomStream random) {
        return Tensor.zeros(shape.toArray()).fill(value);
    }

    @Override
    public String toString() {
        return value == 0 ? "zeros" : "constant(" + value + ")";
    }
}
