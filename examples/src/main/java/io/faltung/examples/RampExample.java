package io.faltung.examples;

import io.faltung.data.ArrayDataset;
import io.faltung.loss.Loss;
import io.faltung.nn.Conv1D;
import io.faltung.nn.Padding;
import io.faltung.nn.Sequential;
import io.faltung.nn.Streaming;
import io.faltung.optim.Adam;
import io.faltung.tensor.RandomStream;
import io.faltung.tensor.Scope;
import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;
import io.faltung.train.Fit;
import io.faltung.train.History;
import io.faltung.train.Metric;
import io.faltung.train.Progress;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * One causal 1-D convolution learns to turn a ramp into a single spike: the input is the ramp
 * 0, 1, 2, 3, 4 with nine zeros before and after (23 samples), the target is zero except 1 at
 * index 16. One filter of 8 taps, causal padding, no bias, no activation, Glorot-uniform start,
 * mean absolute error, Adam, 5000 epochs. Then:
 * <ul>
 *   <li>the same layer with {@code valid} padding, trained from the same start on the target
 *       without its first 7 samples, gives the same output on the samples both produce (up to the
 *       small drift of two separate MAE/Adam runs whose losses average over 23 and 16 outputs),
 *       and with the causal layer's weights exactly the same;</li>
 *   <li>the trained weights are saved to a file, loaded into a fresh model, and the signal fed to
 *       its stream one sample at a time gives the whole-signal output again.</li>
 * </ul>
 */
final class RampExample implements Example {
    private static final int KERNEL = 8;
    private static final int LENGTH = 23;
    private static final int SPIKE = 16;
    private static final double LEARNING_RATE = 1e-3;

    @Override
    public String name() {
        return "ramp";
    }

    @Override
    public String description() {
        return "causal Conv1D (8 taps) turns a ramp into a spike at 16; valid padding agrees; weights streamed";
    }

    @Override
    public void run(Run run) throws IOException {
        float[] input = new float[LENGTH];
        for (int i = 0; i < 5; i++) {
            input[9 + i] = i;
        }
        float[] target = new float[LENGTH];
        target[SPIKE] = 1;
        int epochs = run.epochs(5000);

        try (Sequential causal = model(Padding.CAUSAL); Sequential valid = model(Padding.VALID);
             Sequential loaded = model(Padding.CAUSAL); Sequential validLoaded = model(Padding.VALID);
             Scope scope = Scope.open()) {
            causal.build(Shape.of(1, LENGTH), new RandomStream(run.seed()));
            valid.build(Shape.of(1, LENGTH), new RandomStream(run.seed()));
            System.out.println(causal.summary());
            History history = train(causal, input, target, epochs, run.seed());
            float[] shortened = Arrays.copyOfRange(target, KERNEL - 1, LENGTH);
            train(valid, input, shortened, epochs, run.seed());

            Tensor signal = Tensor.of(input, 1, 1, LENGTH);
            float[] out = causal.predict(signal).toFloatArray();
            float[] outValid = valid.predict(signal).toFloatArray();
            double validDiff = overlapDiff(outValid, out);

            Path weightsFile = run.out().resolve("ramp-weights.json");
            WeightsFile.save(causal, weightsFile);
            loaded.build(Shape.of(1, LENGTH));
            WeightsFile.load(loaded, weightsFile);
            validLoaded.build(Shape.of(1, LENGTH));
            WeightsFile.load(validLoaded, weightsFile);
            double sameWeightsDiff = overlapDiff(validLoaded.predict(signal).toFloatArray(), out);
            float[] streamed = new float[LENGTH];
            try (Streaming stream = loaded.streaming()) {
                for (int t = 0; t < LENGTH; t++) {
                    streamed[t] = stream.step(input[t]);
                }
            }
            double streamDiff = 0;
            for (int t = 0; t < LENGTH; t++) {
                streamDiff = Math.max(streamDiff, Math.abs(streamed[t] - out[t]));
            }

            int peak = 0;
            for (int t = 1; t < LENGTH; t++) {
                peak = out[t] > out[peak] ? t : peak;
            }
            float[] weights = causal.parameters().get("conv1d_1.weight").toFloatArray();
            System.out.printf("output %s%npeak at index %d (target %d); valid vs causal max |diff| %.3g;"
                    + " streamed vs whole max |diff| %.3g%nweights saved to %s%n", Arrays.toString(out), peak,
                    SPIKE, validDiff, streamDiff, weightsFile);
            run.metrics().put("peak_index", peak).put("peak_value", out[peak])
                    .put("valid_vs_causal_max_abs_diff", validDiff)
                    .put("valid_with_causal_weights_max_abs_diff", sameWeightsDiff).put("streaming_max_abs_diff", streamDiff)
                    .put("final_loss", history.last().loss()).put("epochs", epochs)
                    .put("weights", Plot.doubles(weights)).put("output", Plot.doubles(out));

            double[] index = new double[LENGTH];
            for (int t = 0; t < LENGTH; t++) {
                index[t] = t;
            }
            double[] validIndex = Arrays.copyOfRange(index, KERNEL - 1, LENGTH);
            run.plot("ramp-output", "Output of the trained causal convolution", "sample", "value")
                    .series("target", index, Plot.doubles(target)).series("causal output", index, Plot.doubles(out))
                    .series("valid output", validIndex, Plot.doubles(outValid))
                    .series("streamed sample by sample", index, Plot.doubles(streamed)).save();
            run.plot("ramp-weights", "Learned kernel (cross-correlation taps)", "tap", "weight")
                    .series("w", Arrays.copyOf(index, KERNEL), Plot.doubles(weights)).save();
            run.plot("ramp-input", "Input: a ramp between zeros", "sample", "value")
                    .series("input", index, Plot.doubles(input)).save();
            run.plot("ramp-loss", "Mean absolute error", "epoch", "loss")
                    .series("causal", history.values(Metric.LOSS)).logY().save();
        }
    }

    /** The largest difference between a valid output and the causal output it overlaps (shifted by kernel − 1). */
    private static double overlapDiff(float[] valid, float[] causal) {
        double max = 0;
        for (int i = 0; i < valid.length; i++) {
            max = Math.max(max, Math.abs(valid[i] - causal[i + KERNEL - 1]));
        }
        return max;
    }

    private static Sequential model(Padding padding) {
        return new Sequential(new Conv1D(1, KERNEL).padding(padding).bias(false));
    }

    private static History train(Sequential model, float[] input, float[] target, int epochs, long seed) {
        ArrayDataset one = new ArrayDataset(input, Shape.of(1, input.length), target, Shape.of(1, target.length));
        return model.fit(one, Fit.epochs(epochs).batchSize(1).loss(Loss.meanAbsoluteError())
                .optimizer(new Adam(LEARNING_RATE)).seed(seed).progress(Progress.NONE));
    }
}
