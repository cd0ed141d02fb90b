package io.faltung.data;

import io.faltung.tensor.Tensor;

/**
 * A batch of samples on a backend: {@code features} {@code [n, …featureShape]} and {@code targets}
 * {@code [n, …targetShape]}, both FLOAT32. The tensors belong to the {@link io.faltung.tensor.Scope}
 * open when the batch was loaded; {@link #close()} releases them earlier.
 *
 * @param features the inputs
 * @param targets  the expected outputs
 */
public record Batch(Tensor features, Tensor targets) implements AutoCloseable {
    /** The number of samples. */
    public int size() {
        return features.shape().dim(0);
    }

    /** Releases both tensors. */
    @Override
    public void close() {
        features.close();
        targets.close();
    }
}
