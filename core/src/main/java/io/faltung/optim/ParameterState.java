package io.faltung.optim;

import io.faltung.tensor.Scope;
import io.faltung.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an optimiser remembers about one parameter: named state tensors ("slots", e.g. Adam's
 * {@code exp_avg}) shaped like the parameter, and the number of updates it has received.
 * Slots are allocated outside any {@link Scope} on first use and live until
 * {@link GradientOptimizer#clearState()}.
 */
public final class ParameterState {
    private final Tensor parameter;
    private final Map<String, Tensor> slots = new LinkedHashMap<>();
    private long step;

    ParameterState(Tensor parameter) {
        this.parameter = parameter;
    }

    /** The slot {@code name}, created as zeros like the parameter on first use. */
    public Tensor slot(String name) {
        return slot(name, 0);
    }

    /** The slot {@code name}, created filled with {@code initial} like the parameter on first use. */
    public Tensor slot(String name, double initial) {
        return slots.computeIfAbsent(name, n -> Scope.unscoped(() -> parameter.fullLike(parameter.shape(), initial)));
    }

    /** Updates received so far, counting the one in progress during {@code update}. */
    public long step() {
        return step;
    }

    void advance() {
        step++;
    }

    void restore(long steps, Map<String, Tensor> values) {
        close();
        step = steps;
        for (Map.Entry<String, Tensor> e : values.entrySet()) {
            slots.put(e.getKey(), Scope.unscoped(() -> {
                Tensor t = Tensor.empty(parameter.backend(), parameter.dtype(), parameter.shape());
                return t.assign(e.getValue());
            }));
        }
    }

    /** The slots by name, read-only. */
    Map<String, Tensor> slots() {
        return Collections.unmodifiableMap(slots);
    }

    void close() {
        slots.values().forEach(Tensor::close);
        slots.clear();
    }
}
