package io.faltung.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** The record of a {@link Trainer#fit} run: one {@link EpochStats} per completed epoch. */
public final class History {
    private final List<EpochStats> epochs = new ArrayList<>();
    private final int plannedEpochs;
    private String stopReason;

    History(int plannedEpochs) {
        this.plannedEpochs = plannedEpochs;
    }

    void add(EpochStats stats) {
        epochs.add(stats);
    }

    void stopped(String reason) {
        stopReason = reason;
    }

    /** The completed epochs in order. */
    public List<EpochStats> epochs() {
        return Collections.unmodifiableList(epochs);
    }

    /** The last completed epoch. */
    public EpochStats last() {
        if (epochs.isEmpty()) {
            throw new IllegalStateException("no epoch has completed");
        }
        return epochs.get(epochs.size() - 1);
    }

    /** The values of {@code metric}, one per epoch (e.g. to plot a loss curve). */
    public double[] values(Metric metric) {
        return epochs.stream().mapToDouble(e -> e.get(metric)).toArray();
    }

    /** Why training stopped before the planned number of epochs (e.g. early stopping), if it did. */
    public Optional<String> stopReason() {
        return Optional.ofNullable(stopReason);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (EpochStats e : epochs) {
            sb.append(e.line(plannedEpochs)).append('\n');
        }
        if (stopReason != null) {
            sb.append("stopped: ").append(stopReason).append('\n');
        }
        return sb.toString();
    }
}
