package io.faltung.data;

import io.faltung.tensor.Shape;

/** A contiguous range of another dataset's samples. */
final class Subset implements Dataset {
    private final Dataset base;
    private final int from;
    private final int size;

    private Subset(Dataset base, int from, int size) {
        this.base = base;
        this.from = from;
        this.size = size;
    }

    static Dataset of(Dataset base, int from, int to) {
        if (from < 0 || to > base.size() || from > to) {
            throw new IllegalArgumentException("range [" + from + ", " + to + ") of a dataset of " + base.size()
                    + " samples");
        }
        return new Subset(base, from, to - from);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Shape featureShape() {
        return base.featureShape();
    }

    @Override
    public Shape targetShape() {
        return base.targetShape();
    }

    @Override
    public void copyFeatures(int index, float[] dst, int offset) {
        base.copyFeatures(from + check(index), dst, offset);
    }

    @Override
    public void copyTargets(int index, float[] dst, int offset) {
        base.copyTargets(from + check(index), dst, offset);
    }

    private int check(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("sample " + index + " of " + size);
        }
        return index;
    }
}
