package io.faltung.io.checkpoint;

import io.faltung.data.ArrayDataset;
import io.faltung.loss.Loss;
import io.faltung.nn.Activation;
import io.faltung.nn.Dense;
import io.faltung.nn.Dropout;
import io.faltung.nn.Sequential;
import io.faltung.optim.Adam;
import io.faltung.tensor.RandomStream;
import io.faltung.tensor.Shape;
import io.faltung.train.Callback;
import io.faltung.train.Fit;
import io.faltung.train.Progress;
import io.faltung.train.Training;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** A small classifier with dropout and Adam, and the per-step losses of its training runs. */
final class TrainingRuns {
    static final long SEED = 5;
    static final int SAMPLES = 30;
    static final int BATCH = 4;
    /** Batches per epoch: 7 full and one of 2. */
    static final int STEPS_PER_EPOCH = 8;

    private TrainingRuns() {
    }

    /** The model, built with seeded initial weights (the same on every call). */
    static Sequential model() {
        Sequential model = new Sequential(new Dense(8).activation(Activation.RELU), new Dropout(0.3), new Dense(3));
        model.build(Shape.of(2), new RandomStream(SEED));
        return model;
    }

    /** Three noisy blobs in 2-D with one-hot targets. */
    static ArrayDataset data() {
        SplittableRandom r = new SplittableRandom(11);
        float[] x = new float[2 * SAMPLES];
        float[] y = new float[3 * SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            int c = i % 3;
            x[2 * i] = (float) (c - 1 + r.nextDouble(-0.8, 0.8));
            x[2 * i + 1] = (float) ((c == 1 ? 1 : -1) + r.nextDouble(-0.8, 0.8));
            y[3 * i + c] = 1;
        }
        return new ArrayDataset(x, Shape.of(2), y, Shape.of(3));
    }

    /** Training options for {@code epochs} epochs with a fresh Adam and {@code callbacks}. */
    static Fit fit(int epochs, Callback... callbacks) {
        return Fit.epochs(epochs).batchSize(BATCH).loss(Loss.softmaxCrossEntropy()).optimizer(new Adam(0.02))
                .progress(Progress.NONE).seed(SEED).callbacks(callbacks);
    }

    /** Records every step's loss. */
    static final class Losses implements Callback {
        final List<Double> values = new ArrayList<>();

        @Override
        public void onStepEnd(Training training, int epoch, int step, double loss) {
            values.add(loss);
        }
    }

    /** Requests a stop from {@code checkpointing} once {@code afterSteps} steps are done. */
    static Callback stopAfter(Checkpointing checkpointing, int afterSteps) {
        return new Callback() {
            private int steps;

            @Override
            public void onStepEnd(Training training, int epoch, int step, double loss) {
                if (++steps == afterSteps) {
                    checkpointing.requestStop("test stop");
                }
            }
        };
    }
}
