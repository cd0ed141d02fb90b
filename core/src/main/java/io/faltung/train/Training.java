package io.faltung.train;

import io.faltung.nn.Layer;

/** What a {@link Callback} sees of a running {@link Trainer#fit}: the model, the options, the history, and a stop switch. */
public final class Training {
    private final Layer model;
    private final Fit fit;
    private final History history;
    private String stopReason;

    Training(Layer model, Fit fit, History history) {
        this.model = model;
        this.fit = fit;
        this.history = history;
    }

    /** The model being trained. */
    public Layer model() {
        return model;
    }

    /** The training options. */
    public Fit fit() {
        return fit;
    }

    /** The epochs completed so far. */
    public History history() {
        return history;
    }

    /** Ends training after the current epoch; {@code reason} is kept in the {@link History}. */
    public void stop(String reason) {
        stopReason = reason;
    }

    /** Whether {@link #stop} was called. */
    public boolean stopRequested() {
        return stopReason != null;
    }

    String stopReason() {
        return stopReason;
    }
}
