package io.faltung.optim;

import io.faltung.autograd.NoGrad;
import io.faltung.tensor.Scope;
import io.faltung.tensor.Tensor;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The common part of every optimiser here: per-parameter state keyed by parameter identity,
 * optional gradient clipping, optional L2 regularisation, and the scope discipline of a step.
 *
 * <p>{@link #step(List)} runs inside its own {@link Scope} and {@link NoGrad}: every temporary of
 * the update is closed when the step returns, whether or not the caller has a scope open, and
 * nothing is recorded for autograd. For each parameter {@code p} with a gradient, in order:
 * <ol>
 *   <li>the gradients of all parameters are clipped in place, if a {@link GradientClipping} is set
 *       (like {@code torch.nn.utils.clip_grad_norm_} before {@code optimizer.step()});</li>
 *   <li>{@code g = p.grad() + λ·p} when an L2 coefficient λ is set (PyTorch's {@code weight_decay};
 *       {@code p.grad()} itself is left unchanged);</li>
 *   <li>the step counter of {@code p} is incremented and the subclass's rule updates {@code p}
 *       (and its state) in place.</li>
 * </ol>
 * Parameters without a gradient are skipped and their step counters do not advance; a parameter
 * listed twice is updated once.
 *
 * @param <S> the concrete optimiser, so that the fluent setters keep its type
 */
public abstract class GradientOptimizer<S extends GradientOptimizer<S>> implements Optimizer {
    private final Map<Tensor, ParameterState> states = new IdentityHashMap<>();
    private double learningRate;
    private double l2;
    private GradientClipping clipping;

    /** An optimiser with the given learning rate, no L2 term and no clipping. */
    protected GradientOptimizer(double learningRate) {
        learningRate(learningRate);
    }

    /** The names of the state slots this optimiser may keep per parameter, in PyTorch's naming. */
    protected abstract Set<String> slotNames();

    /**
     * Updates {@code p} in place from the (clipped, L2-augmented) gradient {@code g}; runs inside the
     * step's scope and under {@link NoGrad}, so temporaries need no care. {@code state.step()} is
     * the 1-based index of this update.
     */
    protected abstract void update(Tensor p, Tensor g, ParameterState state);

    @Override
    public final void step(List<Tensor> parameters) {
        try (Scope scope = Scope.open(); NoGrad noGrad = NoGrad.enter()) {
            if (clipping != null) {
                clipping.apply(parameters);
            }
            Set<Tensor> done = Collections.newSetFromMap(new IdentityHashMap<>());
            for (Tensor p : parameters) {
                Tensor grad = p.grad();
                if (grad == null || !done.add(p)) {
                    continue;
                }
                ParameterState state = states.computeIfAbsent(p, ParameterState::new);
                state.advance();
                update(p, l2 == 0 ? grad : grad.add(p.mul(l2)), state);
            }
        }
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public void learningRate(double value) {
        this.learningRate = checkNonNegative("learning rate", value);
    }

    /** The L2 coefficient λ added to gradients as {@code λ·p} (0 = none). */
    public double l2() {
        return l2;
    }

    /** Sets the L2 coefficient λ: every step uses {@code g = grad + λ·p}. Returns {@code this}. */
    public S l2(double lambda) {
        this.l2 = checkNonNegative("L2 coefficient", lambda);
        return self();
    }

    /** The gradient clipping applied before each step, or {@code null}. */
    public GradientClipping clipping() {
        return clipping;
    }

    /** Clips all gradients with {@code clipping} (or not at all for {@code null}) before each step. */
    public S clipping(GradientClipping clipping) {
        this.clipping = clipping;
        return self();
    }

    @Override
    public Map<String, Tensor> state(List<Tensor> parameters) {
        return StateSnapshot.export(states, parameters);
    }

    @Override
    public void loadState(List<Tensor> parameters, Map<String, Tensor> state) {
        Map<Tensor, ParameterState> restored = StateSnapshot.restore(getClass().getSimpleName(), slotNames(),
                parameters, state);
        clearState();
        states.putAll(restored);
    }

    /** Forgets all state (closing its tensors): the next step starts as the first. */
    public void clearState() {
        states.values().forEach(ParameterState::close);
        states.clear();
    }

    /** {@code value}, if it is a finite number ≥ 0; otherwise an exception naming {@code what}. */
    protected final double checkNonNegative(String what, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": " + what
                    + " must be a finite number ≥ 0, got " + value);
        }
        return value;
    }

    /** {@code value}, if it lies in {@code [0, 1)}; otherwise an exception naming {@code what}. */
    protected final double checkFraction(String what, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": " + what + " must lie in [0, 1), got "
                    + value);
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private S self() {
        return (S) this;
    }
}
