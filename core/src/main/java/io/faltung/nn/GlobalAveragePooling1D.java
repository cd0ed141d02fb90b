package io.faltung.nn;

/** The mean of each channel of {@code [channels, length]} over its positions, giving {@code [channels]} (Keras' layer of this name). */
public final class GlobalAveragePooling1D extends GlobalAveragePooling {
    /** The layer. */
    public GlobalAveragePooling1D() {
        super(1);
    }
}
