package io.faltung.examples;

import io.faltung.data.ArrayDataset;
import io.faltung.data.Dataset;
import io.faltung.loss.Loss;
import io.faltung.nn.Activation;
import io.faltung.nn.Dense;
import io.faltung.nn.Sequential;
import io.faltung.optim.SGD;
import io.faltung.tensor.RandomStream;
import io.faltung.tensor.Shape;
import io.faltung.train.Callback;
import io.faltung.train.EpochStats;
import io.faltung.train.Fit;
import io.faltung.train.History;
import io.faltung.train.Metric;
import io.faltung.train.Progress;
import io.faltung.train.Training;
import java.io.IOException;
import java.util.Arrays;

/**
 * The 3-4-1 sigmoid network on four samples, {@code X = [[0.5,1,0],[0.2,0.7,0.3],[0.5,0,1],[0,0,1]]},
 * {@code Y = [1,0,1,1]}, trained with mean squared error and plain SGD (one sample per step) for
 * 100 epochs. The step size is large because sigmoid units with a squared error give small
 * gradients (σ' ≤ ¼ per layer); with 0.5 the loss barely halves in 100 epochs.
 */
final class DenseExample implements Example {
    private static final double[][] X = {{0.5, 1, 0}, {0.2, 0.7, 0.3}, {0.5, 0, 1}, {0, 0, 1}};
    private static final double[][] Y = {{1}, {0}, {1}, {1}};
    private static final double LEARNING_RATE = 6.0;

    @Override
    public String name() {
        return "dense";
    }

    @Override
    public String description() {
        return "3-4-1 sigmoid network on four samples, mean squared error and SGD for 100 epochs";
    }

    @Override
    public void run(Run run) throws IOException {
        Dataset data = ArrayDataset.of(X, Y);
        int epochs = run.epochs(100);
        try (Sequential model = new Sequential(
                new Dense(4).activation(Activation.SIGMOID),
                new Dense(1).activation(Activation.SIGMOID))) {
            model.build(Shape.of(3), new RandomStream(run.seed()));
            System.out.println(model.summary());
            Loss mse = Loss.meanSquaredError();
            double initial = model.evaluate(data, mse).loss();
            System.out.printf("initial loss %.6f%n", initial);
            History history = model.fit(data, Fit.epochs(epochs).batchSize(1).loss(mse)
                    .optimizer(new SGD(LEARNING_RATE)).seed(run.seed()).progress(Progress.NONE)
                    .callbacks(everyTenth(epochs)));
            double last = model.evaluate(data, mse).loss();
            double[] outputs = model.predict(data).toDoubleArray();
            System.out.printf("final loss %.6f; outputs %s for targets [1, 0, 1, 1]%n", last, Arrays.toString(outputs));

            run.metrics().put("initial_loss", initial).put("final_loss", last).put("epochs", epochs)
                    .put("learning_rate", LEARNING_RATE).put("outputs", outputs);
            double[] curve = new double[epochs + 1];
            curve[0] = initial;
            System.arraycopy(history.values(Metric.LOSS), 0, curve, 1, epochs);
            double[] x = new double[epochs + 1];
            Arrays.setAll(x, i -> i);
            run.plot("dense-loss", "Mean squared error (epoch 0: before training)", "epoch", "loss")
                    .series("mean over the epoch's steps", x, curve).save();
        }
    }

    private static Callback everyTenth(int epochs) {
        return new Callback() {
            @Override
            public void onEpochEnd(Training training, EpochStats stats) {
                if ((stats.epoch() + 1) % 10 == 0 || stats.epoch() == 0) {
                    System.out.println(stats.line(epochs));
                }
            }
        };
    }
}
