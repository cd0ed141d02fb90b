package io.faltung.train;

import io.faltung.tensor.Scope;
import io.faltung.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Stops training when a monitored metric has not improved for {@code patience} epochs, and can put
 * back the parameters of the best epoch:
 *
 * <pre>{@code
 * Fit.epochs(100).validation(val).callbacks(
 *         EarlyStopping.monitor(Metric.VAL_LOSS).patience(5).minDelta(1e-4).restoreBestWeights(true))
 * }</pre>
 *
 * <p>An epoch improves when the metric beats the best so far by more than {@code minDelta} (lower
 * for losses, higher for accuracies). The best weights are copied on the model's backend, outside
 * any scope, and freed when training ends; they are put back only when early stopping ends the
 * run (a run that reaches its last epoch keeps its final weights, as in Keras). A new
 * {@link Trainer#fit} starts from a clean state.
 */
public final class EarlyStopping implements Callback {
    private final Metric metric;
    private int patience = 0;
    private double minDelta = 0;
    private boolean restoreBestWeights;

    private double best;
    private int bestEpoch;
    private int wait;
    private Map<String, Tensor> bestWeights;

    private EarlyStopping(Metric metric) {
        this.metric = Objects.requireNonNull(metric, "metric");
    }

    /** Early stopping on {@code metric} (patience 0, min delta 0, no restore). */
    public static EarlyStopping monitor(Metric metric) {
        return new EarlyStopping(metric);
    }

    /** Stop after this many epochs without improvement (0 and 1 both stop at the first); returns {@code this}. */
    public EarlyStopping patience(int epochs) {
        if (epochs < 0) {
            throw new IllegalArgumentException("patience must be ≥ 0, not " + epochs);
        }
        this.patience = epochs;
        return this;
    }

    /** The smallest change that counts as an improvement; returns {@code this}. */
    public EarlyStopping minDelta(double delta) {
        if (!(delta >= 0)) {
            throw new IllegalArgumentException("minDelta must be ≥ 0, not " + delta);
        }
        this.minDelta = delta;
        return this;
    }

    /** Whether to restore the best epoch's parameters when stopping; returns {@code this}. */
    public EarlyStopping restoreBestWeights(boolean on) {
        this.restoreBestWeights = on;
        return this;
    }

    /** The best value seen in the last run. */
    public double best() {
        return best;
    }

    /** The epoch (from 0) of the best value in the last run, or -1. */
    public int bestEpoch() {
        return bestEpoch;
    }

    @Override
    public void onTrainBegin(Training training) {
        if (metric.needsValidation() && training.fit().validation() == null) {
            throw new IllegalArgumentException("EarlyStopping monitors " + metric.key() + " but the Fit has no validation"
                    + " data; add .validation(data) or monitor " + (metric.isAccuracy() ? "accuracy" : "loss"));
        }
        if (metric.isAccuracy() && training.fit().loss().accuracy().isEmpty()) {
            throw new IllegalArgumentException("EarlyStopping monitors " + metric.key() + " but " + training.fit().loss()
                    .name() + " has no accuracy; monitor a loss instead");
        }
        best = metric.higherIsBetter() ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        bestEpoch = -1;
        wait = 0;
    }

    @Override
    public void onEpochEnd(Training training, EpochStats stats) {
        double value = stats.get(metric);
        boolean improved = metric.higherIsBetter() ? value > best + minDelta : value < best - minDelta;
        if (improved) {
            best = value;
            bestEpoch = stats.epoch();
            wait = 0;
            if (restoreBestWeights) {
                snapshot(training.model().parameters());
            }
            return;
        }
        wait++;
        if (wait >= Math.max(1, patience)) {
            String reason = String.format(Locale.ROOT, "early stopping: %s did not improve by more than %s for %d epoch%s;"
                    + " best %.4f at epoch %d", metric.key(), minDelta, wait, wait == 1 ? "" : "s", best, bestEpoch + 1);
            if (restoreBestWeights && bestWeights != null) {
                training.model().parameters().forEach((name, p) -> p.assign(bestWeights.get(name)));
                reason += ", whose weights were restored";
            }
            training.stop(reason);
        }
    }

    private void snapshot(Map<String, Tensor> parameters) {
        if (bestWeights == null) {
            bestWeights = new LinkedHashMap<>();
            parameters.forEach((name, p) -> bestWeights.put(name, Scope.unscoped(p::zerosLike)));
        }
        parameters.forEach((name, p) -> bestWeights.get(name).assign(p));
    }

    @Override
    public void onTrainEnd(Training training) {
        if (bestWeights != null) {
            bestWeights.values().forEach(Tensor::close);
            bestWeights = null;
        }
    }
}
