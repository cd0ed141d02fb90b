package io.faltung.io.checkpoint;

import com.google.gson.JsonObject;
import io.faltung.optim.schedule.LearningRateScheduler;
import io.faltung.tensor.RandomStream;
import io.faltung.train.Callback;
import io.faltung.train.EpochStats;
import io.faltung.train.Training;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A training callback that writes checkpoints into a {@link CheckpointStore}: every
 * {@code everySteps} optimiser steps, at the end of every epoch, and when a stop is requested
 * ({@link #requestStop}, e.g. from a signal handler), after which it ends training with a
 * {@link TrainingInterruptedException}. Given a checkpoint to {@link #resumeFrom}, it restores it
 * in {@code onTrainBegin}; run {@code fit} with {@code Fit.resumeAt(state.nextEpoch(),
 * state.nextStep())} so the data continues where it stopped.
 *
 * <p>Callbacks that change training state (a learning-rate schedule) must come before this one,
 * so that the checkpoint taken after a step already has their update.
 */
public final class Checkpointing implements Callback {
    private final CheckpointStore store;
    private final int everySteps;
    private final int stepsPerEpoch;
    private Checkpoint resume;
    private LearningRateScheduler scheduler;
    private Supplier<JsonObject> extra = JsonObject::new;
    private volatile String stopReason;
    private long globalStep;
    private Path lastSaved;

    /**
     * Checkpoints into {@code store} every {@code everySteps} steps (0: only at epoch ends and on
     * stop) for training with {@code stepsPerEpoch} batches per epoch.
     */
    public Checkpointing(CheckpointStore store, int everySteps, int stepsPerEpoch) {
        if (everySteps < 0 || stepsPerEpoch < 1) {
            throw new IllegalArgumentException("everySteps must be >= 0 and stepsPerEpoch >= 1, not " + everySteps
                    + " and " + stepsPerEpoch);
        }
        this.store = Objects.requireNonNull(store, "store");
        this.everySteps = everySteps;
        this.stepsPerEpoch = stepsPerEpoch;
    }

    /** Restores {@code checkpoint} when training begins; returns {@code this}. */
    public Checkpointing resumeFrom(Checkpoint checkpoint) {
        this.resume = checkpoint;
        this.globalStep = checkpoint.state().globalStep();
        return this;
    }

    /** Saves and restores {@code value}'s position; returns {@code this}. */
    public Checkpointing scheduler(LearningRateScheduler value) {
        this.scheduler = value;
        return this;
    }

    /** Stores {@code value.get()} as the checkpoint's {@code extra} data; returns {@code this}. */
    public Checkpointing extra(Supplier<JsonObject> value) {
        this.extra = Objects.requireNonNull(value, "extra");
        return this;
    }

    /** Asks training to checkpoint and stop at the next step boundary; safe to call from any thread. */
    public void requestStop(String reason) {
        stopReason = Objects.requireNonNull(reason, "reason");
    }

    /** Optimiser steps completed (counting those before a resume). */
    public long globalStep() {
        return globalStep;
    }

    /** The last checkpoint written by this callback. */
    public Optional<Path> lastSaved() {
        return Optional.ofNullable(lastSaved);
    }

    @Override
    public void onTrainBegin(Training training) {
        if (resume != null) {
            resume.restore(training.model(), training.fit().optimizer());
            if (scheduler != null) {
                scheduler.position(resume.state().schedulePosition());
                training.fit().optimizer().learningRate(resume.state().learningRate());
            }
        }
    }

    @Override
    public void onStepEnd(Training training, int epoch, int step, double loss) {
        globalStep++;
        if (step + 1 == stepsPerEpoch) {
            return;
        }
        String reason = stopReason;
        if (reason != null) {
            throw new TrainingInterruptedException(reason, save(training, epoch, step + 1), globalStep);
        }
        if (everySteps > 0 && globalStep % everySteps == 0) {
            save(training, epoch, step + 1);
        }
    }

    @Override
    public void onEpochEnd(Training training, EpochStats stats) {
        Path dir = save(training, stats.epoch() + 1, 0);
        String reason = stopReason;
        if (reason != null) {
            throw new TrainingInterruptedException(reason, dir, globalStep);
        }
    }

    private Path save(Training training, int nextEpoch, int nextStep) {
        Map<String, Long> positions = new LinkedHashMap<>();
        for (Map.Entry<String, RandomStream> e : training.model().randomStreams().entrySet()) {
            positions.put(e.getKey(), e.getValue().position());
        }
        CheckpointState state = new CheckpointState(nextEpoch, nextStep, globalStep, training.fit().seed(),
                training.fit().optimizer().learningRate(), scheduler == null ? -1 : scheduler.position(), positions,
                extra.get());
        try {
            lastSaved = store.save(globalStep, dir -> Checkpoint.write(dir, training.model(), training.fit().optimizer(),
                    state));
            return lastSaved;
        } catch (IOException e) {
            throw new UncheckedIOException("writing the checkpoint of step " + globalStep + " into " + store.root()
                    + " failed: " + e.getMessage(), e);
        }
    }
}
