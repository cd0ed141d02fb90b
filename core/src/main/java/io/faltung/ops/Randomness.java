package io.faltung.ops;

import io.faltung.spi.Backend;
import io.faltung.spi.DType;
import io.faltung.spi.RandomSpec;
import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;

/** The SPI {@code random} primitive: counter-based draws, reproducible on every backend. No gradient. */
public final class Randomness {
    private Randomness() {
    }

    /** A new tensor filled from the stream {@code (seed, offset)}. */
    public static Tensor draw(Backend backend, DType dtype, Shape shape, RandomSpec spec, long seed, long offset) {
        Tensor out = Tensor.empty(backend, dtype, shape);
        backend.random(spec, seed, offset, out.view());
        return out;
    }
}
