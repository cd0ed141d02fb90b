package io.faltung.optim;

/**
 * Adam with decoupled weight decay (Loshchilov &amp; Hutter), {@code torch.optim.AdamW}: before the
 * Adam update each parameter is shrunk, {@code θ ← θ·(1 − γ·w)}, instead of adding {@code w·θ} to
 * the gradient. Defaults β₁ = 0.9, β₂ = 0.999, ε = 1e-8, w = 0.01 like PyTorch. The full update
 * is given in {@link AbstractAdam}; an {@link #l2(double) L2 term} can still be added on top.
 */
public final class AdamW extends AbstractAdam<AdamW> {
    private final double weightDecay;

    /** AdamW with PyTorch's defaults (w = 0.01). */
    public AdamW(double learningRate) {
        this(learningRate, 0.01);
    }

    /** AdamW with decoupled weight decay w and default β₁, β₂, ε. */
    public AdamW(double learningRate, double weightDecay) {
        this(learningRate, 0.9, 0.999, 1e-8, weightDecay);
    }

    /** AdamW with the given moment decays, ε and decoupled weight decay w. */
    public AdamW(double learningRate, double beta1, double beta2, double epsilon, double weightDecay) {
        super(learningRate, beta1, beta2, epsilon);
        this.weightDecay = checkNonNegative("weight decay", weightDecay);
    }

    /** The decoupled weight decay w. */
    public double weightDecay() {
        return weightDecay;
    }

    @Override
    double decoupledDecay() {
        return weightDecay;
    }
}
