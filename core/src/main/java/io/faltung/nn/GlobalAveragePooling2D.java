package io.faltung.nn;

/** The mean of each channel of {@code [channels, height, width]} over its positions, giving {@code [channels]} (Keras' layer of this name). */
public final class GlobalAveragePooling2D extends GlobalAveragePooling {
    /** The layer. */
    public GlobalAveragePooling2D() {
        super(2);
    }
}
