package io.faltung.loss;

import io.faltung.tensor.Tensor;
import java.util.Optional;

/**
 * Binary cross-entropy {@code −[y·log p + (1 − y)·log(1 − p)]}, averaged over all elements, of
 * probabilities (clipped to {@code [ε, 1 − ε]}) or of logits {@code z}, where it is computed as
 * {@code max(z, 0) − z·y + log(1 + e^−|z|)}: no overflow for any {@code z}.
 */
final class BinaryCrossEntropy implements Loss {
    static final double EPSILON = 1e-7;

    private final boolean fromLogits;

    BinaryCrossEntropy(boolean fromLogits) {
        this.fromLogits = fromLogits;
    }

    @Override
    public Tensor compute(Tensor output, Tensor target) {
        Targets.sameShape(this, output, target);
        if (fromLogits) {
            Tensor softplusOfMinusAbs = output.abs().neg().exp().add(1).log();
            return output.relu().sub(output.mul(target)).add(softplusOfMinusAbs).mean();
        }
        Tensor p = output.maximum(EPSILON).minimum(1 - EPSILON);
        Tensor positive = target.mul(p.log());
        Tensor negative = target.rsub(1).mul(p.rsub(1).log());
        return positive.add(negative).mean().neg();
    }

    @Override
    public Optional<Accuracy> accuracy() {
        return Optional.of(Accuracy.threshold(fromLogits ? 0 : 0.5));
    }

    @Override
    public void checkTarget(float[] target) {
        Targets.probabilities(this, target);
    }

    @Override
    public String name() {
        return fromLogits ? "binary cross-entropy from logits" : "binary cross-entropy";
    }

    @Override
    public String toString() {
        return name();
    }
}
