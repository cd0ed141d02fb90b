package io.faltung.optim;

import io.faltung.tensor.Tensor;
import java.util.Set;

/**
 * Adagrad's per-element scaling with a momentum term on the scaled gradient (no PyTorch
 * counterpart; PyTorch's Adagrad has no momentum):
 * <pre>
 *   g ← ∇θ + λ·θ
 *   s ← s + g²                        (s starts at 0)        slot "sum"
 *   b ← μ·b + g / (√s + ε)            (b starts at 0)        slot "momentum_buffer"
 *   θ ← θ − γ·b
 * </pre>
 * With μ = 0 it is exactly {@link Adagrad} without learning-rate decay.
 */
public final class AdagradMomentum extends GradientOptimizer<AdagradMomentum> {
    private final double momentum;
    private final double epsilon;

    /** Momentum μ = 0.9 and ε = 1e-10 (Adagrad's). */
    public AdagradMomentum(double learningRate) {
        this(learningRate, 0.9, 1e-10);
    }

    /** Momentum μ ∈ [0, 1) and ε. */
    public AdagradMomentum(double learningRate, double momentum, double epsilon) {
        super(learningRate);
        this.momentum = checkFraction("momentum", momentum);
        this.epsilon = checkNonNegative("epsilon", epsilon);
    }

    @Override
    protected Set<String> slotNames() {
        return Set.of(Adagrad.SUM, Momentum.BUFFER);
    }

    @Override
    protected void update(Tensor p, Tensor g, ParameterState state) {
        Tensor sum = state.slot(Adagrad.SUM);
        sum.assign(sum.add(g.square()));
        Tensor b = state.slot(Momentum.BUFFER);
        b.assign(b.mul(momentum).add(g.div(sum.sqrt().add(epsilon))));
        p.assign(p.sub(b.mul(learningRate())));
    }

    @Override
    public String toString() {
        return "AdagradMomentum(lr=" + learningRate() + ", momentum=" + momentum + ", eps=" + epsilon + ", l2=" + l2()
                + ")";
    }
}
