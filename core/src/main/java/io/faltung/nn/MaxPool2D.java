package io.faltung.nn;

/**
 * Max pooling over 2-D windows: each output is the maximum of a window of one channel of a sample
 * {@code [channels, height, width]}. See {@link PoolingLayer} for stride and padding.
 */
public final class MaxPool2D extends PoolingLayer<MaxPool2D> {
    /** A square {@code window × window} pool with stride {@code window}. */
    public MaxPool2D(int window) {
        this(window, window);
    }

    /** A {@code windowHeight × windowWidth} pool with the same stride. */
    public MaxPool2D(int windowHeight, int windowWidth) {
        super(true, new int[] {windowHeight, windowWidth});
    }
}
