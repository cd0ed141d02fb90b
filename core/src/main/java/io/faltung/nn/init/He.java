package io.faltung.nn.init;

import io.faltung.tensor.RandomStream;
import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;

/** He/Kaiming initialisation for ReLU networks (He et al. 2015), variance {@code 2 / fanIn}. */
record He(boolean normal) implements Initializer {
    @Override
    public Tensor create(Shape shape, RandomStream random) {
        double variance = 2.0 / Fans.of(shape).in();
        return normal ? random.normal(shape, 0, Math.sqrt(variance)) : Glorot.uniform(random, shape, variance);
    }

    @Override
    public String toString() {
        return normal ? "he_normal" : "he_uniform";
    }
}
