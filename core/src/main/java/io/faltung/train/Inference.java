package io.faltung.train;

import io.faltung.autograd.NoGrad;
import io.faltung.data.Batch;
import io.faltung.data.DataLoader;
import io.faltung.data.Dataset;
import io.faltung.loss.Loss;
import io.faltung.nn.Layer;
import io.faltung.tensor.Scope;
import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;

/** Evaluation and prediction: inference mode (no dropout), no gradients, one scope per batch. */
public final class Inference {
    private Inference() {
    }

    /** Mean loss and accuracy of {@code model} on {@code data}, in batches of {@code batchSize}. */
    public static Evaluation evaluate(Layer model, Dataset data, Loss loss, int batchSize) {
        FitChecks.data("evaluation data", model, data, loss);
        DataLoader loader = new DataLoader(data, batchSize, false, 0);
        Tally tally = new Tally(loss.accuracy());
        try (NoGrad ignored = NoGrad.enter()) {
            for (int b = 0; b < loader.batchCount(); b++) {
                try (Scope scope = Scope.open()) {
                    Batch batch = loader.batch(0, b);
                    Tensor output = model.forward(batch.features(), false);
                    tally.add(loss.compute(output, batch.targets()), output, batch.targets());
                }
            }
        }
        return new Evaluation(tally.meanLoss(), tally.accuracy(), data.size());
    }

    /** The outputs for every sample of {@code data} as one FLOAT32 tensor {@code [n, …output]} in the current scope. */
    public static Tensor predict(Layer model, Dataset data, int batchSize) {
        if (!model.isBuilt()) {
            throw new IllegalStateException(model + " is not built; build(Shape) or fit() it first");
        }
        if (!model.inputShape().equals(data.featureShape())) {
            throw new IllegalArgumentException("the model was built for inputs " + model.inputShape()
                    + " per sample but the data has features " + data.featureShape() + " per sample");
        }
        Shape out = model.outputShape();
        int width = out.intSize();
        float[] all = new float[Math.multiplyExact(data.size(), width)];
        DataLoader loader = new DataLoader(data, batchSize, false, 0);
        try (NoGrad ignored = NoGrad.enter()) {
            for (int b = 0; b < loader.batchCount(); b++) {
                try (Scope scope = Scope.open()) {
                    float[] values = model.forward(loader.batch(0, b).features(), false).toFloatArray();
                    System.arraycopy(values, 0, all, b * batchSize * width, values.length);
                }
            }
        }
        return Tensor.of(all, out.prepend(data.size()).toArray());
    }

    /** The outputs for the batch {@code x} (inference mode, no gradients), in the current scope. */
    public static Tensor predict(Layer model, Tensor x) {
        try (NoGrad ignored = NoGrad.enter(); Scope scope = Scope.open()) {
            return scope.keep(model.forward(x, false));
        }
    }
}
