package io.faltung.train;

import java.util.Locale;

/**
 * The result of evaluating a model on a dataset.
 *
 * @param loss     mean loss over the samples
 * @param accuracy fraction of correct decisions, {@code NaN} when the loss has no notion of accuracy
 * @param samples  number of samples evaluated
 */
public record Evaluation(double loss, double accuracy, int samples) {
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "loss %.4f", loss)
                + (Double.isNaN(accuracy) ? "" : String.format(Locale.ROOT, " · accuracy %.4f", accuracy))
                + " on " + samples + " samples";
    }
}
