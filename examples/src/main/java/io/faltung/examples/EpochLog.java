package io.faltung.examples;

import io.faltung.train.Callback;
import io.faltung.train.EpochStats;
import io.faltung.train.Training;

/** Prints the first epoch's line and then every {@code every}-th, for long runs of short epochs. */
final class EpochLog implements Callback {
    private final int every;

    EpochLog(int every) {
        this.every = every;
    }

    @Override
    public void onEpochEnd(Training training, EpochStats stats) {
        if ((stats.epoch() + 1) % every == 0 || stats.epoch() == 0) {
            System.out.println(stats.line(training.fit().epochs()));
        }
    }
}
