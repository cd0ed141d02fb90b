package io.faltung.nn;

/**
 * Average pooling over 2-D windows: each output is the mean of a window of one channel of a sample
 * {@code [channels, height, width]}. See {@link PoolingLayer} for stride and padding.
 */
public final class AvgPool2D extends PoolingLayer<AvgPool2D> {
    /** A square {@code window × window} pool with stride {@code window}. */
    public AvgPool2D(int window) {
        this(window, window);
    }

    /** A {@code windowHeight × windowWidth} pool with the same stride. */
    public AvgPool2D(int windowHeight, int windowWidth) {
        super(false, new int[] {windowHeight, windowWidth});
    }
}
