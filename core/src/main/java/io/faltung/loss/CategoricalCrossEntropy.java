package io.faltung.loss;

import io.faltung.spi.DType;
import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;
import java.util.Optional;

/**
 * Cross-entropy {@code −Σ y·log p} over the last axis, averaged over the other axes, of
 * probabilities (clipped at ε) or of logits, where {@code log p = z − m − log Σ e^(z − m)} with
 * {@code m = max z} (log-sum-exp; the shift carries no gradient and keeps every exponent ≤ 0).
 */
final class CategoricalCrossEntropy implements Loss {
    private static final int[] CLASS_AXIS = {-1};

    private final boolean fromLogits;

    CategoricalCrossEntropy(boolean fromLogits) {
        this.fromLogits = fromLogits;
    }

    @Override
    public Tensor compute(Tensor output, Tensor target) {
        Targets.sameShape(this, output, target);
        Tensor logP = fromLogits ? logSoftmax(output) : output.maximum(BinaryCrossEntropy.EPSILON).log();
        return target.mul(logP).sum(CLASS_AXIS, false).mean().neg();
    }

    /**
     * {@code z − m − log Σ e^(z − m)} over the last axis. {@code z − m} is floored at the dtype's
     * lowest finite value: logits spread wider than the float range would otherwise give −∞, and a
     * zero target times −∞ is NaN.
     */
    static Tensor logSoftmax(Tensor z) {
        double lowest = z.dtype() == DType.FLOAT64 ? -Double.MAX_VALUE : -Float.MAX_VALUE;
        Tensor shifted = z.sub(z.max(CLASS_AXIS, true).detach()).maximum(lowest);
        return shifted.sub(shifted.exp().sum(CLASS_AXIS, true).log());
    }

    @Override
    public Optional<Accuracy> accuracy() {
        return Optional.of(Accuracy.argMax());
    }

    @Override
    public void checkShapes(Shape output, Shape target) {
        if (output.rank() == 0 || output.dim(-1) < 2) {
            throw new IllegalArgumentException(name() + " needs at least 2 classes on the last axis of the model output,"
                    + " but the output is " + output + " per sample; for one yes/no output use binary cross-entropy");
        }
        if (target.size() == 1 && !output.equals(target)) {
            throw new IllegalArgumentException(name() + " needs one-hot targets shaped like the model output " + output
                    + " per sample, but the targets are " + target + " per sample (class indices?) — one-hot encode them"
                    + " into " + output.dim(-1) + " classes");
        }
        Loss.super.checkShapes(output, target);
    }

    @Override
    public void checkTarget(float[] target) {
        Targets.probabilities(this, target);
    }

    @Override
    public String name() {
        return fromLogits ? "softmax cross-entropy" : "categorical cross-entropy";
    }

    @Override
    public String toString() {
        return name();
    }
}
