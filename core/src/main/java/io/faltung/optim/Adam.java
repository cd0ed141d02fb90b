package io.faltung.optim;

/**
 * Adam with bias correction, {@code torch.optim.Adam}; defaults β₁ = 0.9, β₂ = 0.999, ε = 1e-8.
 * The update is given in {@link AbstractAdam}. An {@link #l2(double) L2 coefficient} is added to the
 * gradient (PyTorch's Adam {@code weight_decay}); for decoupled weight decay use {@link AdamW}.
 */
public final class Adam extends AbstractAdam<Adam> {
    /** Adam with PyTorch's defaults β₁ = 0.9, β₂ = 0.999, ε = 1e-8. */
    public Adam(double learningRate) {
        this(learningRate, 0.9, 0.999, 1e-8);
    }

    /** Adam with the given moment decays and ε. */
    public Adam(double learningRate, double beta1, double beta2, double epsilon) {
        super(learningRate, beta1, beta2, epsilon);
    }

    @Override
    double decoupledDecay() {
        return 0;
    }
}
