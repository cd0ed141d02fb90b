package io.faltung.loss;

import io.faltung.tensor.Tensor;

/** Checks shared by the losses. */
final class Targets {
    private Targets() {
    }

    /** Fails unless output and target have the same shape. */
    static void sameShape(Loss loss, Tensor output, Tensor target) {
        if (!output.shape().equals(target.shape())) {
            throw new IllegalArgumentException(loss.name() + ": output " + output.shape() + " and target " + target.shape()
                    + " must have the same shape");
        }
    }

    /** Fails unless every value is a probability. */
    static void probabilities(Loss loss, float[] target) {
        for (int i = 0; i < target.length; i++) {
            if (!(target[i] >= 0 && target[i] <= 1)) {
                throw new IllegalArgumentException(loss.name() + " needs targets in [0, 1] but a target has "
                        + target[i] + " at position " + i);
            }
        }
    }
}
