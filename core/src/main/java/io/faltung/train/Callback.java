package io.faltung.train;

/**
 * Hooks into {@link Trainer#fit}. All methods have empty defaults; implement the ones you need.
 * Throwing from {@link #onTrainBegin} aborts training before any step; {@link Training#stop}
 * ends it after the current epoch.
 */
public interface Callback {
    /** Before the first step (the model is built and seeded, the data checked). */
    default void onTrainBegin(Training training) {
    }

    /** Before epoch {@code epoch} (from 0). */
    default void onEpochBegin(Training training, int epoch) {
    }

    /** After step {@code step} (from 0) of {@code epoch}; {@code loss} is the batch's loss. The step's tensors are released. */
    default void onStepEnd(Training training, int epoch, int step, double loss) {
    }

    /** After an epoch, with its figures (validation included). */
    default void onEpochEnd(Training training, EpochStats stats) {
    }

    /** After the last epoch, or after training was stopped. */
    default void onTrainEnd(Training training) {
    }
}
