package io.faltung.train;

import io.faltung.data.Dataset;
import io.faltung.loss.Loss;
import io.faltung.nn.Layer;
import io.faltung.nn.Sequential;
import io.faltung.spi.DType;
import io.faltung.tensor.RandomStream;

/** Everything {@link Trainer#fit} checks before the first step, so that mistakes cost no training time. */
final class FitChecks {
    private FitChecks() {
    }

    /** Checks the options, builds an unbuilt model from the data, and checks both datasets against it. */
    static void beforeTraining(Layer model, Dataset train, Fit fit) {
        if (fit.loss() == null) {
            throw new IllegalArgumentException("Fit has no loss; add e.g. .loss(Loss.softmaxCrossEntropy())");
        }
        if (fit.optimizer() == null) {
            throw new IllegalArgumentException("Fit has no optimizer; add e.g. .optimizer(new Adam(1e-3))");
        }
        if (train.size() == 0) {
            throw new IllegalArgumentException("the training data has no samples");
        }
        if (!model.isBuilt()) {
            model.build(train.featureShape(), new RandomStream(fit.seed()));
        }
        data("training data", model, train, fit.loss());
        if (fit.validation() != null) {
            data("validation data", model, fit.validation(), fit.loss());
        }
    }

    /** Checks that {@code data} fits the built {@code model}: feature shape, target shape and target values. */
    static void data(String what, Layer model, Dataset data, Loss loss) {
        if (!model.isBuilt()) {
            throw new IllegalStateException(model + " is not built; build(Shape) or fit() it first");
        }
        if (model.dtype() != DType.FLOAT32) {
            throw new IllegalArgumentException("the model has " + model.dtype() + " parameters but batches are FLOAT32;"
                    + " convert it back with model.to(DType.FLOAT32)");
        }
        if (!model.inputShape().equals(data.featureShape())) {
            throw new IllegalArgumentException("the model was built for inputs " + model.inputShape() + " per sample but the "
                    + what + " has features " + data.featureShape() + " per sample");
        }
        try {
            loss.checkShapes(model.outputShape(), data.targetShape());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage() + " (the model output comes from "
                    + lastLayer(model) + ")", e);
        }
        float[] target = new float[data.targetShape().intSize()];
        for (int i = 0; i < data.size(); i++) {
            data.copyTargets(i, target, 0);
            try {
                loss.checkTarget(target);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(what + ", sample " + i + ": " + e.getMessage(), e);
            }
        }
    }

    private static String lastLayer(Layer model) {
        if (model instanceof Sequential s) {
            Layer last = s.layers().get(s.layers().size() - 1);
            return last.name() + " " + last;
        }
        return model.toString();
    }
}
