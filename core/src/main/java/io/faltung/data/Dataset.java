package io.faltung.data;

import io.faltung.tensor.Shape;

/**
 * An indexed collection of (features, target) samples held on the host. Batches are assembled by
 * a {@link DataLoader}; a dataset only knows how to copy one sample out.
 */
public interface Dataset {
    /** Number of samples. */
    int size();

    /** Shape of one sample's features, e.g. {@code [1, 28, 28]} or {@code [784]}. */
    Shape featureShape();

    /** Shape of one sample's target, e.g. {@code [10]} for a one-hot label. */
    Shape targetShape();

    /** Copies the features of sample {@code index} into {@code dst[offset…]}. */
    void copyFeatures(int index, float[] dst, int offset);

    /** Copies the target of sample {@code index} into {@code dst[offset…]}. */
    void copyTargets(int index, float[] dst, int offset);

    /** The samples {@code [from, to)} as a dataset sharing this one's storage. */
    default Dataset range(int from, int to) {
        return Subset.of(this, from, to);
    }
}
