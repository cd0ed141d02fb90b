package io.faltung.train;

/** A per-epoch figure that callbacks such as {@link EarlyStopping} can monitor. */
public enum Metric {
    /** Mean training loss. */
    LOSS("loss", false, false),
    /** Training accuracy. */
    ACCURACY("accuracy", true, false),
    /** Validation loss. */
    VAL_LOSS("val_loss", false, true),
    /** Validation accuracy. */
    VAL_ACCURACY("val_accuracy", true, true);

    private final String key;
    private final boolean higherIsBetter;
    private final boolean needsValidation;

    Metric(String key, boolean higherIsBetter, boolean needsValidation) {
        this.key = key;
        this.higherIsBetter = higherIsBetter;
        this.needsValidation = needsValidation;
    }

    /** The Keras-style name, e.g. {@code val_loss}. */
    public String key() {
        return key;
    }

    /** Whether larger values are improvements (accuracies) or smaller ones (losses). */
    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** Whether the metric exists only with validation data. */
    public boolean needsValidation() {
        return needsValidation;
    }

    /** Whether the metric is an accuracy (meaningless for regression losses). */
    public boolean isAccuracy() {
        return this == ACCURACY || this == VAL_ACCURACY;
    }
}
