package io.faltung.loss;

import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;

/**
 * Counts correct decisions in a batch: the arg-max of the output against the arg-max of a one-hot
 * target (one decision per sample and position), or a threshold on each output element against a
 * 0/1 target (one decision per element).
 */
public final class Accuracy {
    private final boolean argMax;
    private final double threshold;

    private Accuracy(boolean argMax, double threshold) {
        this.argMax = argMax;
        this.threshold = threshold;
    }

    /** Class = arg-max over the last axis, for one-hot targets. */
    public static Accuracy argMax() {
        return new Accuracy(true, Double.NaN);
    }

    /** Decision = output above {@code threshold} (0.5 for probabilities, 0 for logits), for 0/1 targets. */
    public static Accuracy threshold(double threshold) {
        return new Accuracy(false, threshold);
    }

    /** The number of correct decisions in the batch. */
    public long correct(Tensor output, Tensor target) {
        if (argMax) {
            int[] predicted = output.argMax(-1).toIntArray();
            int[] expected = target.argMax(-1).toIntArray();
            long hits = 0;
            for (int i = 0; i < predicted.length; i++) {
                hits += predicted[i] == expected[i] ? 1 : 0;
            }
            return hits;
        }
        return Math.round(output.gt(threshold).eq(target.ge(0.5)).sum().item());
    }

    /** The number of decisions in a batch of targets shaped {@code targetBatch}. */
    public long decisions(Shape targetBatch) {
        return argMax ? targetBatch.size() / targetBatch.dim(-1) : targetBatch.size();
    }

    @Override
    public String toString() {
        return argMax ? "arg-max accuracy" : "accuracy at threshold " + threshold;
    }
}
