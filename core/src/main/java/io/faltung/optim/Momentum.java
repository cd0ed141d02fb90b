package io.faltung.optim;

import io.faltung.tensor.Tensor;
import java.util.Set;

/**
 * SGD with classical or Nesterov momentum, {@code torch.optim.SGD(momentum=μ, dampening=0,
 * nesterov=…)}:
 * <pre>
 *   g ← ∇θ + λ·θ
 *   b ← μ·b + g           (b starts at 0, so b₁ = g)          slot "momentum_buffer"
 *   g ← g + μ·b  (Nesterov)   or   g ← b  (classical)
 *   θ ← θ − γ·g
 * </pre>
 */
public final class Momentum extends GradientOptimizer<Momentum> {
    static final String BUFFER = "momentum_buffer";

    private final double momentum;
    private final boolean nesterov;

    /** Classical momentum μ = 0.9. */
    public Momentum(double learningRate) {
        this(learningRate, 0.9, false);
    }

    /** Momentum μ ∈ [0, 1), classical or Nesterov. */
    public Momentum(double learningRate, double momentum, boolean nesterov) {
        super(learningRate);
        this.momentum = checkFraction("momentum", momentum);
        this.nesterov = nesterov;
    }

    /** The momentum μ. */
    public double momentum() {
        return momentum;
    }

    /** Whether the Nesterov form is used. */
    public boolean nesterov() {
        return nesterov;
    }

    @Override
    protected Set<String> slotNames() {
        return Set.of(BUFFER);
    }

    @Override
    protected void update(Tensor p, Tensor g, ParameterState state) {
        Tensor b = state.slot(BUFFER);
        b.assign(b.mul(momentum).add(g));
        Tensor direction = nesterov ? g.add(b.mul(momentum)) : b;
        p.assign(p.sub(direction.mul(learningRate())));
    }

    @Override
    public String toString() {
        return "Momentum(lr=" + learningRate() + ", momentum=" + momentum + (nesterov ? ", nesterov" : "") + ", l2="
                + l2() + ")";
    }
}
