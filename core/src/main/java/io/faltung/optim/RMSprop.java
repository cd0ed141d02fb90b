package io.faltung.optim;

import io.faltung.tensor.Tensor;
import java.util.Set;

/**
 * RMSprop, {@code torch.optim.RMSprop} (defaults α = 0.99, ε = 1e-8 like PyTorch; Keras uses
 * ρ = 0.9 and ε = 1e-7 — pass them to the long constructor to get Keras' behaviour):
 * <pre>
 *   g ← ∇θ + λ·θ
 *   v ← α·v + (1 − α)·g²                                    slot "square_avg"
 *   centered:  ḡ ← α·ḡ + (1 − α)·g;   ṽ ← v − ḡ²            slot "grad_avg"
 *   otherwise: ṽ ← v
 *   μ > 0:     b ← μ·b + g / (√ṽ + ε);   θ ← θ − γ·b        slot "momentum_buffer"
 *   μ = 0:     θ ← θ − γ·g / (√ṽ + ε)
 * </pre>
 * All slots start at 0.
 */
public final class RMSprop extends GradientOptimizer<RMSprop> {
    static final String SQUARE_AVG = "square_avg";
    static final String GRAD_AVG = "grad_avg";

    private final double alpha;
    private final double epsilon;
    private final double momentum;
    private final boolean centered;

    /** PyTorch's defaults: α = 0.99, ε = 1e-8, no momentum, not centered. */
    public RMSprop(double learningRate) {
        this(learningRate, 0.99, 1e-8, 0, false);
    }

    /** Smoothing α ∈ [0, 1), ε, momentum μ ∈ [0, 1), centered or not. */
    public RMSprop(double learningRate, double alpha, double epsilon, double momentum, boolean centered) {
        super(learningRate);
        this.alpha = checkFraction("alpha", alpha);
        this.epsilon = checkNonNegative("epsilon", epsilon);
        this.momentum = checkFraction("momentum", momentum);
        this.centered = centered;
    }

    @Override
    protected Set<String> slotNames() {
        return Set.of(SQUARE_AVG, GRAD_AVG, Momentum.BUFFER);
    }

    @Override
    protected void update(Tensor p, Tensor g, ParameterState state) {
        Tensor v = state.slot(SQUARE_AVG);
        v.assign(v.mul(alpha).add(g.square().mul(1 - alpha)));
        Tensor variance = v;
        if (centered) {
            Tensor mean = state.slot(GRAD_AVG);
            mean.assign(mean.mul(alpha).add(g.mul(1 - alpha)));
            variance = v.sub(mean.square());
        }
        Tensor scaled = g.div(variance.sqrt().add(epsilon));
        if (momentum > 0) {
            Tensor b = state.slot(Momentum.BUFFER);
            b.assign(b.mul(momentum).add(scaled));
            scaled = b;
        }
        p.assign(p.sub(scaled.mul(learningRate())));
    }

    @Override
    public String toString() {
        return "RMSprop(lr=" + learningRate() + ", alpha=" + alpha + ", eps=" + epsilon + ", momentum=" + momentum
                + (centered ? ", centered" : "") + ", l2=" + l2() + ")";
    }
}
