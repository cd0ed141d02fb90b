package io.faltung.nn;

/**
 * A layer that can process a signal block by block, carrying what it needs of the past from one
 * block to the next, so that feeding a signal in pieces gives the same output as feeding it whole.
 * Blocks are {@code [batch, channels, time]} (time may be 1: one sample per step).
 *
 * <p>Causal {@link Conv1D} layers keep the last {@code dilation·(kernel − 1)} input frames; layers
 * that act on each time step alone (activations, dropout in inference, batch normalisation with
 * its running statistics) keep nothing. {@link Sequential#streaming()} chains them.
 */
public interface Streamable {
    /**
     * A fresh stream over this (built) layer with empty history (zeros before the first sample).
     *
     * @throws IllegalStateException naming the layer and the reason when this configuration cannot
     *                               stream (e.g. a non-causal convolution)
     */
    StreamState openStream();
}
