package io.faltung.nn;

/**
 * Average pooling over 1-D windows: each output is the mean of a window of one channel of a sample
 * {@code [channels, length]}. See {@link PoolingLayer} for stride and padding.
 */
public final class AvgPool1D extends PoolingLayer<AvgPool1D> {
    /** A pool of {@code window} samples with stride {@code window}. */
    public AvgPool1D(int window) {
        super(false, new int[] {window});
    }
}
