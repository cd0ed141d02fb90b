package io.faltung.train;

import io.faltung.loss.Accuracy;
import io.faltung.tensor.Tensor;
import java.util.Optional;

/** Running sums over batches: sample-weighted loss and correct decisions. */
final class Tally {
    private final Optional<Accuracy> accuracy;
    private double lossSum;
    private long samples;
    private long correct;
    private long decisions;

    Tally(Optional<Accuracy> accuracy) {
        this.accuracy = accuracy;
    }

    /** Adds a batch: its mean loss (a scalar tensor), outputs and targets. Returns the batch's loss. */
    double add(Tensor loss, Tensor output, Tensor target) {
        double value = loss.item();
        int n = target.shape().dim(0);
        lossSum += value * n;
        samples += n;
        if (accuracy.isPresent()) {
            correct += accuracy.get().correct(output, target);
            decisions += accuracy.get().decisions(target.shape());
        }
        return value;
    }

    long samples() {
        return samples;
    }

    double meanLoss() {
        return samples == 0 ? Double.NaN : lossSum / samples;
    }

    double accuracy() {
        return decisions == 0 ? Double.NaN : (double) correct / decisions;
    }
}
