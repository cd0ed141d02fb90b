package io.faltung.io.checkpoint;

import java.nio.file.Path;

/**
 * Thrown out of {@code fit} by {@link Checkpointing} after a stop was requested (e.g. on
 * {@code SIGTERM}) and a checkpoint was written at the step boundary.
 */
public final class TrainingInterruptedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path checkpoint;
    private final long globalStep;

    TrainingInterruptedException(String reason, Path checkpoint, long globalStep) {
        super(reason + "; checkpoint " + checkpoint + " written after step " + globalStep);
        this.checkpoint = checkpoint;
        this.globalStep = globalStep;
    }

    /** The checkpoint directory written before stopping. */
    public Path checkpoint() {
        return checkpoint;
    }

    /** Optimiser steps completed. */
    public long globalStep() {
        return globalStep;
    }
}
