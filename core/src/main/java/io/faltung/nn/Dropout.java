package io.faltung.nn;

import io.faltung.spi.RandomSpec;
import io.faltung.tensor.RandomStream;
import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;

/**
 * Inverted dropout: in training, zeroes each element with probability {@code rate} and scales the
 * survivors by {@code 1 / (1 − rate)}, so inference is the identity. Masks come from a counter-based
 * {@link RandomStream} (identical on every backend), re-seeded by {@link #seedRandomness}.
 */
public final class Dropout extends Layer implements Streamable {
    private final double rate;
    private RandomStream masks = new RandomStream(0);

    /** Drops each element with probability {@code rate} in {@code [0, 1)}. */
    public Dropout(double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("Dropout rate must be in [0, 1), not " + rate);
        }
        this.rate = rate;
    }

    /** The drop probability. */
    public double rate() {
        return rate;
    }

    /** The stream the next masks are drawn from (its position says how many were drawn). */
    public RandomStream masks() {
        return masks;
    }

    @Override
    protected Shape inferOutputShape(Shape input) {
        return input;
    }

    @Override
    protected void createParameters(Shape input, RandomStream init) {
        masks = new RandomStream(init.seed() * 0x9E3779B97F4A7C15L + init.position());
    }

    @Override
    protected void reseed(long seed) {
        masks = new RandomStream(seed);
    }

    @Override
    protected Tensor call(Tensor batch, boolean training) {
        if (!training || rate == 0) {
            return batch;
        }
        Tensor keep = masks.draw(batch.backend(), batch.dtype(), batch.shape(), RandomSpec.bernoulli(1 - rate));
        return batch.mul(keep.mul(1 / (1 - rate)));
    }

    /** Streams as the identity (dropout is off in inference). */
    @Override
    public StreamState openStream() {
        return block -> block;
    }

    @Override
    public String toString() {
        return "Dropout(" + rate + ")";
    }
}
