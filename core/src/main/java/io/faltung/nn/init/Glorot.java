package io.faltung.nn.init;

import io.faltung.tensor.RandomStream;
import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;

/** Glorot/Xavier initialisation (Glorot &amp; Bengio 2010), variance {@code 2 / (fanIn + fanOut)}. */
record Glorot(boolean normal) implements Initializer {
    @Override
    public Tensor create(Shape shape, RandomStream random) {
        Fans f = Fans.of(shape);
        double variance = 2.0 / (f.in() + f.out());
        return normal ? random.normal(shape, 0, Math.sqrt(variance)) : uniform(random, shape, variance);
    }

    /** {@code U(−l, l)} with {@code l = √(3 · variance)}. */
    static Tensor uniform(RandomStream random, Shape shape, double variance) {
        double limit = Math.sqrt(3 * variance);
        return random.uniform(shape, -limit, limit);
    }

    @Override
    public String toString() {
        return normal ? "glorot_normal" : "glorot_uniform";
    }
}
