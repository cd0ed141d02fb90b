package io.faltung.nn;

import io.faltung.tensor.Tensor;

/**
 * One open stream through a {@link Streamable} layer: its history buffers, and the step that
 * advances them. Steps run in inference mode; the caller disables gradient recording.
 */
public interface StreamState extends AutoCloseable {
    /**
     * The output for the next {@code block} of the signal, {@code [batch, channels, time]} →
     * {@code [batch, outChannels, time]}; the batch size stays the one of the first block.
     */
    Tensor step(Tensor block);

    /** Frees the history buffers (the default holds none). */
    @Override
    default void close() {
    }
}
