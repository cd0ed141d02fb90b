package io.faltung.nn;

/**
 * Max pooling over 1-D windows: each output is the maximum of a window of one channel of a sample
 * {@code [channels, length]}. See {@link PoolingLayer} for stride and padding.
 */
public final class MaxPool1D extends PoolingLayer<MaxPool1D> {
    /** A pool of {@code window} samples with stride {@code window}. */
    public MaxPool1D(int window) {
        super(true, new int[] {window});
    }
}
