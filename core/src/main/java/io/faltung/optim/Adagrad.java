package io.faltung.optim;

import io.faltung.tensor.Tensor;
import java.util.Set;

/**
 * Adagrad, {@code torch.optim.Adagrad}:
 * <pre>
 *   g ← ∇θ + λ·θ
 *   γ̃ ← γ / (1 + (t − 1)·η)          (t = step, η = learning-rate decay, default 0)
 *   s ← s + g²                        (s starts at the initial accumulator value, default 0)   slot "sum"
 *   θ ← θ − γ̃·g / (√s + ε)            (ε = 1e-10)
 * </pre>
 */
public final class Adagrad extends GradientOptimizer<Adagrad> {
    static final String SUM = "sum";

    private final double learningRateDecay;
    private final double initialAccumulator;
    private final double epsilon;

    /** Adagrad with PyTorch's defaults: η = 0, initial accumulator 0, ε = 1e-10. */
    public Adagrad(double learningRate) {
        this(learningRate, 0, 0, 1e-10);
    }

    /** Adagrad with learning-rate decay η, initial accumulator value and ε. */
    public Adagrad(double learningRate, double learningRateDecay, double initialAccumulator, double epsilon) {
        super(learningRate);
        this.learningRateDecay = checkNonNegative("learning-rate decay", learningRateDecay);
        this.initialAccumulator = checkNonNegative("initial accumulator value", initialAccumulator);
        this.epsilon = checkNonNegative("epsilon", epsilon);
    }

    @Override
    protected Set<String> slotNames() {
        return Set.of(SUM);
    }

    @Override
    protected void update(Tensor p, Tensor g, ParameterState state) {
        double rate = learningRate() / (1 + (state.step() - 1) * learningRateDecay);
        Tensor sum = state.slot(SUM, initialAccumulator);
        sum.assign(sum.add(g.square()));
        p.assign(p.sub(g.div(sum.sqrt().add(epsilon)).mul(rate)));
    }

    @Override
    public String toString() {
        return "Adagrad(lr=" + learningRate() + ", lr_decay=" + learningRateDecay + ", initial=" + initialAccumulator
                + ", eps=" + epsilon + ", l2=" + l2() + ")";
    }
}
