package io.faltung.data;

import io.faltung.tensor.Shape;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A classification dataset held as bytes, the way image sets such as MNIST are stored: features
 * are unsigned bytes (0…255) turned into floats times {@code scale} when a sample is copied out,
 * targets are class labels (one byte each) turned into one-hot vectors when copied. One byte per
 * pixel instead of four keeps the 60 000 MNIST training images at 47 MB instead of 188 MB, and
 * nothing is converted before the first batch is asked for.
 */
public final class UnsignedByteDataset implements Dataset {
    private final ByteBuffer features;
    private final ByteBuffer labels;
    private final Shape featureShape;
    private final Shape targetShape;
    private final int featureSize;
    private final int classes;
    private final int size;
    private final float[] values = new float[256];

    /**
     * Wraps {@code features} ({@code n · |featureShape|} bytes from its position on) and
     * {@code labels} ({@code n} bytes, each below {@code classes}). Neither buffer is copied; both
     * must stay unchanged. Feature byte {@code b} becomes {@code (float) (b * scale)}.
     *
     * @throws IllegalArgumentException if the sizes disagree or a label is not a class
     */
    public UnsignedByteDataset(ByteBuffer features, Shape featureShape, double scale, ByteBuffer labels, int classes) {
        this.featureSize = featureShape.intSize();
        if (featureSize == 0 || features.remaining() % featureSize != 0) {
            throw new IllegalArgumentException(features.remaining() + " feature bytes are not a whole number of samples of "
                    + featureShape);
        }
        if (classes < 1) {
            throw new IllegalArgumentException("a classification dataset needs at least one class, not " + classes);
        }
        this.size = features.remaining() / featureSize;
        if (labels.remaining() != size) {
            throw new IllegalArgumentException(size + " samples of " + featureShape + " need " + size + " labels, got "
                    + labels.remaining());
        }
        this.features = features.slice().asReadOnlyBuffer();
        this.labels = labels.slice().asReadOnlyBuffer();
        for (int i = 0; i < size; i++) {
            int label = this.labels.get(i) & 0xFF;
            if (label >= classes) {
                throw new IllegalArgumentException("label " + i + " is " + label + ", not one of the " + classes
                        + " classes 0…" + (classes - 1));
            }
        }
        for (int b = 0; b < values.length; b++) {
            values[b] = (float) (b * scale);
        }
        this.featureShape = featureShape;
        this.targetShape = Shape.of(classes);
        this.classes = classes;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Shape featureShape() {
        return featureShape;
    }

    /** {@code [classes]}: one-hot. */
    @Override
    public Shape targetShape() {
        return targetShape;
    }

    /** The class of sample {@code index}. */
    public int label(int index) {
        return labels.get(index) & 0xFF;
    }

    @Override
    public void copyFeatures(int index, float[] dst, int offset) {
        int from = index * featureSize;
        for (int j = 0; j < featureSize; j++) {
            dst[offset + j] = values[features.get(from + j) & 0xFF];
        }
    }

    @Override
    public void copyTargets(int index, float[] dst, int offset) {
        Arrays.fill(dst, offset, offset + classes, 0);
        dst[offset + label(index)] = 1;
    }
}
