package io.faltung.optim;

import io.faltung.spi.BinaryOp;
import io.faltung.tensor.Tensor;
import java.util.Set;

/**
 * The update shared by {@link Adam} and {@link AdamW}, written as PyTorch computes it
 * ({@code torch.optim.Adam}/{@code AdamW}, single-tensor path):
 * <pre>
 *   g ← ∇θ + λ·θ                                  (L2; Adam's "weight_decay" in PyTorch)
 *   θ ← θ·(1 − γ·w)                               (decoupled weight decay w: AdamW only)
 *   m ← β₁·m + (1 − β₁)·g                         slot "exp_avg"
 *   v ← β₂·v + (1 − β₂)·g²                        slot "exp_avg_sq"
 *   v̂max ← max(v̂max, v)        (AMSGrad only)     slot "max_exp_avg_sq"
 *   θ ← θ − (γ / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)      (√v̂max instead of √v with AMSGrad)
 * </pre>
 * The last line is the documented {@code θ ← θ − γ·m̂ / (√v̂ + ε)} with bias-corrected
 * {@code m̂ = m / (1 − β₁ᵗ)} and {@code v̂ = v / (1 − β₂ᵗ)}: ε is outside the square root and
 * added after the bias correction. t is the parameter's step counter, starting at 1; m, v and
 * v̂max start at 0.
 *
 * @param <S> the concrete optimiser
 */
public abstract class AbstractAdam<S extends AbstractAdam<S>> extends GradientOptimizer<S> {
    static final String EXP_AVG = "exp_avg";
    static final String EXP_AVG_SQ = "exp_avg_sq";
    static final String MAX_EXP_AVG_SQ = "max_exp_avg_sq";

    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private boolean amsgrad;

    AbstractAdam(double learningRate, double beta1, double beta2, double epsilon) {
        super(learningRate);
        this.beta1 = checkFraction("beta1", beta1);
        this.beta2 = checkFraction("beta2", beta2);
        this.epsilon = checkNonNegative("epsilon", epsilon);
    }

    /** β₁, the decay of the first moment. */
    public double beta1() {
        return beta1;
    }

    /** β₂, the decay of the second moment. */
    public double beta2() {
        return beta2;
    }

    /** ε, added to the bias-corrected root of the second moment. */
    public double epsilon() {
        return epsilon;
    }

    /** Whether the AMSGrad variant (running maximum of the second moment) is used. */
    public boolean amsgrad() {
        return amsgrad;
    }

    /** Turns the AMSGrad variant on or off. Returns {@code this}. */
    @SuppressWarnings("unchecked")
    public S amsgrad(boolean value) {
        this.amsgrad = value;
        return (S) this;
    }

    /** The decoupled weight decay w applied before the moment update (0 for plain Adam). */
    abstract double decoupledDecay();

    @Override
    protected final Set<String> slotNames() {
        return Set.of(EXP_AVG, EXP_AVG_SQ, MAX_EXP_AVG_SQ);
    }

    @Override
    protected final void update(Tensor p, Tensor g, ParameterState state) {
        double rate = learningRate();
        if (decoupledDecay() != 0) {
            p.applyInPlace(BinaryOp.MUL, 1 - rate * decoupledDecay());
        }
        // In place where PyTorch is (mul_, add_, maximum, addcdiv_): the same operations in the same
        // order as the formulas above, without a temporary and a copy per line.
        Tensor m = state.slot(EXP_AVG);
        m.applyInPlace(BinaryOp.MUL, beta1).applyInPlace(BinaryOp.ADD, g.mul(1 - beta1));
        Tensor v = state.slot(EXP_AVG_SQ);
        v.applyInPlace(BinaryOp.MUL, beta2).applyInPlace(BinaryOp.ADD, g.square().applyInPlace(BinaryOp.MUL, 1 - beta2));
        if (amsgrad) {
            v = state.slot(MAX_EXP_AVG_SQ).applyInPlace(BinaryOp.MAX, v);
        }
        long t = state.step();
        double stepSize = rate / (1 - Math.pow(beta1, t));
        double rootCorrection2 = Math.sqrt(1 - Math.pow(beta2, t));
        Tensor denominator = v.sqrt().applyInPlace(BinaryOp.DIV, rootCorrection2).applyInPlace(BinaryOp.ADD, epsilon);
        p.applyInPlace(BinaryOp.SUB, m.div(denominator).applyInPlace(BinaryOp.MUL, stepSize));
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(lr=" + learningRate() + ", betas=(" + beta1 + ", " + beta2 + "), eps="
                + epsilon + (decoupledDecay() != 0 ? ", weight_decay=" + decoupledDecay() : "")
                + (amsgrad ? ", amsgrad" : "") + ", l2=" + l2() + ")";
    }
}
