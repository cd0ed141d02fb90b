package io.faltung.data;

import io.faltung.tensor.Shape;

/** A dataset held in two flat float arrays, sample after sample. */
public final class ArrayDataset implements Dataset {
    private final float[] features;
    private final float[] targets;
    private final Shape featureShape;
    private final Shape targetShape;
    private final int featureSize;
    private final int targetSize;
    private final int size;

    /**
     * Wraps {@code features} ({@code n · |featureShape|} values) and {@code targets}
     * ({@code n · |targetShape|} values). The arrays are not copied.
     */
    public ArrayDataset(float[] features, Shape featureShape, float[] targets, Shape targetShape) {
        this.featureSize = featureShape.intSize();
        this.targetSize = targetShape.intSize();
        if (featureSize == 0 || features.length % featureSize != 0) {
            throw new IllegalArgumentException(features.length + " feature values are not a whole number of samples of "
                    + featureShape);
        }
        this.size = features.length / featureSize;
        if (targets.length != (long) size * targetSize) {
            throw new IllegalArgumentException(size + " samples of " + featureShape + " need " + (long) size * targetSize
                    + " target values of " + targetShape + ", got " + targets.length);
        }
        this.features = features;
        this.targets = targets;
        this.featureShape = featureShape;
        this.targetShape = targetShape;
    }

    /** Convenience for row-per-sample data: {@code x[i]} features and {@code y[i]} targets. */
    public static ArrayDataset of(double[][] x, double[][] y) {
        if (x.length != y.length || x.length == 0) {
            throw new IllegalArgumentException(x.length + " feature rows but " + y.length + " target rows");
        }
        return new ArrayDataset(flatten(x), Shape.of(x[0].length), flatten(y), Shape.of(y[0].length));
    }

    private static float[] flatten(double[][] rows) {
        int w = rows[0].length;
        float[] out = new float[rows.length * w];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != w) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " values, row 0 has " + w);
            }
            for (int j = 0; j < w; j++) {
                out[i * w + j] = (float) rows[i][j];
            }
        }
        return out;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Shape featureShape() {
        return featureShape;
    }

    @Override
    public Shape targetShape() {
        return targetShape;
    }

    @Override
    public void copyFeatures(int index, float[] dst, int offset) {
        System.arraycopy(features, index * featureSize, dst, offset, featureSize);
    }

    @Override
    public void copyTargets(int index, float[] dst, int offset) {
        System.arraycopy(targets, index * targetSize, dst, offset, targetSize);
    }
}
