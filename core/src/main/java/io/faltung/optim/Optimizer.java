package io.faltung.optim;

import io.faltung.tensor.Tensor;
import java.util.List;

/**
 * Updates parameters in place from their accumulated gradients ({@link Tensor#grad()}).
 * Implementations keep per-parameter state (moments, accumulators) keyed by the parameter and
 * allocate it outside any {@link io.faltung.tensor.Scope}, so it survives training steps.
 */
public interface Optimizer {
    /** Applies one update to every parameter that has a gradient. Does not clear gradients. */
    void step(List<Tensor> parameters);

    /** The current learning rate. */
    double learningRate();

    /** Sets the learning rate (schedules call this between steps). */
    void learningRate(double value);
}
