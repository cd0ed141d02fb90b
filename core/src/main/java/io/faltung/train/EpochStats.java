package io.faltung.train;

import java.util.Locale;

/**
 * What one epoch of training measured. Values that do not apply are {@code NaN}: accuracy for
 * regression losses, validation figures without validation data.
 *
 * @param epoch              the epoch index, from 0
 * @param loss               mean training loss over the epoch's samples (with dropout active)
 * @param accuracy           training accuracy over the epoch
 * @param validationLoss     loss on the validation data after the epoch
 * @param validationAccuracy accuracy on the validation data after the epoch
 * @param seconds            wall time of the epoch's training steps
 * @param samplesPerSecond   training throughput
 */
public record EpochStats(int epoch, double loss, double accuracy, double validationLoss, double validationAccuracy,
                         double seconds, double samplesPerSecond) {

    /** The value of {@code metric}. */
    public double get(Metric metric) {
        return switch (metric) {
            case LOSS -> loss;
            case ACCURACY -> accuracy;
            case VAL_LOSS -> validationLoss;
            case VAL_ACCURACY -> validationAccuracy;
        };
    }

    /** A one-line report, e.g. {@code epoch 2/10 · loss 0.3120 · accuracy 0.9012 · 1.4 s · 4,210 samples/s}. */
    public String line(int epochs) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "epoch %d/%d", epoch + 1, epochs));
        for (Metric m : Metric.values()) {
            double v = get(m);
            if (!Double.isNaN(v)) {
                sb.append(String.format(Locale.ROOT, " · %s %.4f", m.key(), v));
            }
        }
        return sb.append(String.format(Locale.ROOT, " · %.1f s · %,.0f samples/s", seconds, samplesPerSecond)).toString();
    }
}
