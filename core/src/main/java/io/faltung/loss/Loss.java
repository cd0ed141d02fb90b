package io.faltung.loss;

import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;
import java.util.Optional;

/**
 * A training objective: a scalar computed from a batch of model outputs and targets, written with
 * {@link Tensor} operations only (autograd differentiates it). Every loss is averaged over the batch,
 * so its scale does not depend on the batch size.
 *
 * <pre>{@code
 * Tensor loss = Loss.softmaxCrossEntropy().compute(logits, oneHot);   // scalar
 * loss.backward();
 * }</pre>
 *
 * <p>Besides the value, a loss knows which targets make sense ({@link #checkShapes},
 * {@link #checkTarget}), so training can refuse bad data before the first step, and how to turn
 * outputs into decisions for an accuracy ({@link #accuracy}).
 */
public interface Loss {
    /** The mean loss over the batch (a scalar); {@code output} and {@code target} have the same shape. */
    Tensor compute(Tensor output, Tensor target);

    /** A readable name, e.g. {@code softmax cross-entropy}. */
    String name();

    /** How to count correct decisions for this loss, or empty when accuracy is meaningless (regression). */
    default Optional<Accuracy> accuracy() {
        return Optional.empty();
    }

    /**
     * Fails, naming the problem, if targets shaped {@code target} per sample cannot be compared with
     * outputs shaped {@code output} per sample. The default demands equal shapes.
     */
    default void checkShapes(Shape output, Shape target) {
        if (!output.equals(target)) {
            throw new IllegalArgumentException(name() + " compares the model output " + output + " per sample with a"
                    + " target of the same shape, but the targets are " + target + " per sample");
        }
    }

    /** Fails, naming the problem, if one sample's target values are impossible; the default accepts all. */
    default void checkTarget(float[] target) {
    }

    /** Mean of {@code (output − target)²} over all elements. */
    static Loss meanSquaredError() {
        return new MeanError(false);
    }

    /** Mean of {@code |output − target|} over all elements. */
    static Loss meanAbsoluteError() {
        return new MeanError(true);
    }

    /**
     * Binary cross-entropy of probabilities (e.g. after a sigmoid) against targets in [0, 1], averaged
     * over all elements. Probabilities are clipped to {@code [1e-7, 1 − 1e-7]} so the loss stays finite.
     */
    static Loss binaryCrossEntropy() {
        return new BinaryCrossEntropy(false);
    }

    /**
     * Binary cross-entropy of logits (no sigmoid on the output), computed stably as
     * {@code max(z, 0) − z·y + log(1 + e^−|z|)}. Preferred over sigmoid + {@link #binaryCrossEntropy()}.
     */
    static Loss binaryCrossEntropyFromLogits() {
        return new BinaryCrossEntropy(true);
    }

    /**
     * Categorical cross-entropy {@code −Σ y·log p} of probabilities (e.g. after a softmax) over the
     * last axis against one-hot (or soft) targets, averaged over the batch; {@code p} is clipped at
     * {@code 1e-7}.
     */
    static Loss categoricalCrossEntropy() {
        return new CategoricalCrossEntropy(false);
    }

    /**
     * Softmax cross-entropy from logits over the last axis against one-hot (or soft) targets, with a
     * stable log-sum-exp ({@code log Σ e^z = m + log Σ e^(z − m)}, {@code m = max z}); finite even for
     * huge logits. Use with a linear last layer.
     */
    static Loss softmaxCrossEntropy() {
        return new CategoricalCrossEntropy(true);
    }
}
