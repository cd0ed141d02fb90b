package io.faltung.tensor;

import io.faltung.ops.Randomness;
import io.faltung.runtime.Backends;
import io.faltung.spi.Backend;
import io.faltung.spi.DType;
import io.faltung.spi.RandomSpec;

/**
 * A seeded stream of random tensors. It is a (seed, position) pair over the backends'
 * counter-based generator, so the same seed gives the same numbers on every backend, and saving
 * {@link #position()} is enough to resume the stream exactly.
 */
public final class RandomStream {
    private final long seed;
    private long position;

    /** A stream starting at position 0. */
    public RandomStream(long seed) {
        this(seed, 0);
    }

    /** A stream resumed at {@code position}. */
    public RandomStream(long seed, long position) {
        this.seed = seed;
        this.position = position;
    }

    /** The seed. */
    public long seed() {
        return seed;
    }

    /** How many numbers have been drawn. */
    public long position() {
        return position;
    }

    /**
     * Moves the stream to {@code position}, e.g. to the one saved in a checkpoint: the next draw
     * continues exactly where the saved stream would have.
     */
    public void seek(long position) {
        if (position < 0) {
            throw new IllegalArgumentException("a random stream position must be >= 0, not " + position);
        }
        this.position = position;
    }

    /** Uniform on {@code [low, high)}, FLOAT32, on the current backend. */
    public Tensor uniform(Shape shape, double low, double high) {
        return draw(Backends.current(), DType.FLOAT32, shape, RandomSpec.uniform(low, high));
    }

    /** Normal with the given mean and standard deviation, FLOAT32, on the current backend. */
    public Tensor normal(Shape shape, double mean, double std) {
        return draw(Backends.current(), DType.FLOAT32, shape, RandomSpec.normal(mean, std));
    }

    /** 1 with probability {@code p}, else 0, FLOAT32, on the current backend. */
    public Tensor bernoulli(Shape shape, double p) {
        return draw(Backends.current(), DType.FLOAT32, shape, RandomSpec.bernoulli(p));
    }

    /** A tensor of {@code dtype} on {@code backend} drawn from {@code spec}; advances the stream. */
    public Tensor draw(Backend backend, DType dtype, Shape shape, RandomSpec spec) {
        Tensor t = Randomness.draw(backend, dtype, shape, spec, seed, position);
        position += shape.size();
        return t;
    }
}
