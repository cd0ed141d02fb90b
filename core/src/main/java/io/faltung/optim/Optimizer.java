package io.faltung.optim;

import io.faltung.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * Updates parameters in place from their accumulated gradients ({@link Tensor#grad()}).
 * Implementations keep per-parameter state (moments, accumulators) keyed by the parameter and
 * allocate it outside any {@link io.faltung.tensor.Scope}, so it survives training steps.
 *
 * <h2>State for checkpoints</h2>
 * {@link #state(List)} exports the per-parameter state as named tensors and
 * {@link #loadState(List, Map)} restores it, so that a checkpoint can resume training with bitwise
 * the same updates. Names are {@code "<i>.<slot>"}, where {@code i} is the parameter's index in the
 * list passed to both methods (the same list, in the same order, on save and on restore) and the
 * slot names follow PyTorch's ({@code momentum_buffer}, {@code sum}, {@code square_avg},
 * {@code exp_avg}, {@code exp_avg_sq}, …), plus {@code "<i>.step"}, an INT32 scalar counting the
 * updates that parameter has received. Hyper-parameters, including the learning rate, are not part
 * of the state: a checkpoint stores {@link #learningRate()} itself (a schedule recomputes it from
 * the trainer's step counter).
 */
public interface Optimizer {
    /** Applies one update to every parameter that has a gradient. Does not clear gradients. */
    void step(List<Tensor> parameters);

    /** The current learning rate. */
    double learningRate();

    /** Sets the learning rate (schedules call this between steps). */
    void learningRate(double value);

    /**
     * A snapshot of the state kept for {@code parameters}: fresh copies named {@code "<i>.<slot>"}
     * (see the class comment), owned by the caller's current {@link io.faltung.tensor.Scope}.
     * Parameters that were never updated have no entries. An optimiser without state returns an
     * empty map.
     */
    default Map<String, Tensor> state(List<Tensor> parameters) {
        return Map.of();
    }

    /**
     * Replaces all state by {@code state}, as produced by {@link #state(List)} for the same
     * parameter list; the tensors are copied, so the caller may close them afterwards. Unknown
     * names, missing step counters and shapes or dtypes that do not match their parameter are
     * reported before anything changes.
     */
    default void loadState(List<Tensor> parameters, Map<String, Tensor> state) {
        if (!state.isEmpty()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " keeps no state but was given "
                    + state.keySet());
        }
    }
}
