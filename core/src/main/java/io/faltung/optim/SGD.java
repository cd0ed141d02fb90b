package io.faltung.optim;

import io.faltung.tensor.Tensor;
import java.util.Set;

/**
 * Plain stochastic gradient descent, {@code torch.optim.SGD} without momentum:
 * <pre>
 *   g ← ∇θ + λ·θ          (λ = {@link #l2(double) L2 coefficient}, default 0)
 *   θ ← θ − γ·g           (γ = learning rate)
 * </pre>
 * Keeps no state besides the step counter.
 */
public final class SGD extends GradientOptimizer<SGD> {
    /** SGD with learning rate γ. */
    public SGD(double learningRate) {
        super(learningRate);
    }

    @Override
    protected Set<String> slotNames() {
        return Set.of();
    }

    @Override
    protected void update(Tensor p, Tensor g, ParameterState state) {
        p.assign(p.sub(g.mul(learningRate())));
    }

    @Override
    public String toString() {
        return "SGD(lr=" + learningRate() + ", l2=" + l2() + ")";
    }
}
