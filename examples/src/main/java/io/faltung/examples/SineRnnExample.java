package io.faltung.examples;

import io.faltung.data.SlidingWindows;
import io.faltung.data.TimeSeries;
import io.faltung.loss.Loss;
import io.faltung.nn.Activation;
import io.faltung.nn.Dense;
import io.faltung.nn.Sequential;
import io.faltung.nn.recurrent.SimpleRNN;
import io.faltung.optim.RMSprop;
import io.faltung.tensor.RandomStream;
import io.faltung.tensor.Scope;
import io.faltung.tensor.Shape;
import io.faltung.train.Fit;
import io.faltung.train.Progress;
import java.io.IOException;
import java.util.SplittableRandom;

/**
 * A noisy sine, {@code x(t) = sin(0.02·t) + 2·u(t)} with {@code u} uniform in [0, 1), t = 0 … 999;
 * the first 800 values train, the rest test. Windows of 4 steps predict the next value with
 * {@code SimpleRNN(32, relu) → Dense(8, relu) → Dense(1)}, mean squared error and RMSprop (Keras'
 * settings), 100 epochs of batches of 16. The baseline predicts the mean of the window; the noise
 * alone costs Var(2u) = 1/3, so no predictor gets far below that.
 */
final class SineRnnExample implements Example {
    static final int LENGTH = 1000;
    static final int TRAIN = 800;
    static final int WINDOW = 4;

    @Override
    public String name() {
        return "sine-rnn";
    }

    @Override
    public String description() {
        return "SimpleRNN predicts the next value of a noisy sine from 4 steps; beats the window-mean baseline";
    }

    @Override
    public void run(Run run) throws IOException {
        double[] values = series(run.seed());
        TimeSeries.Split split = TimeSeries.of(values).splitAt(TRAIN);
        SlidingWindows train = split.train().windows(WINDOW, 1);
        SlidingWindows test = split.test().windows(WINDOW, 1);
        int epochs = run.epochs(100);
        try (Sequential model = new Sequential(new SimpleRNN(32, Activation.RELU),
                new Dense(8).activation(Activation.RELU), new Dense(1));
             Scope scope = Scope.open()) {
            model.build(train.featureShape(), new RandomStream(run.seed()));
            System.out.println(model.summary());
            Loss mse = Loss.meanSquaredError();
            model.fit(train, Fit.epochs(epochs).batchSize(16).loss(mse).optimizer(new RMSprop(1e-3, 0.9, 1e-7, 0, false))
                    .seed(run.seed()).progress(Progress.NONE).callbacks(new EpochLog(10)));
            double trainMse = model.evaluate(train).loss();
            double testMse = model.evaluate(test).loss();
            double baseline = windowMeanMse(split.test().column(0));
            System.out.printf("train MSE %.4f, test MSE %.4f, baseline (mean of the window) test MSE %.4f%n",
                    trainMse, testMse, baseline);
            run.metrics().put("train_mse", trainMse).put("test_mse", testMse).put("baseline_test_mse", baseline)
                    .put("beats_baseline", testMse < baseline).put("epochs", epochs);

            double[] trainPrediction = model.predict(train).toDoubleArray();
            double[] testPrediction = model.predict(test).toDoubleArray();
            run.plot("sine-rnn", "Noisy sine and one-step predictions", "t", "x(t)")
                    .series("data", range(0, LENGTH), values)
                    .series("prediction (train)", range(WINDOW, TRAIN), trainPrediction)
                    .series("prediction (test)", range(TRAIN + WINDOW, LENGTH), testPrediction)
                    .save();
        }
    }

    /** {@code sin(0.02·t) + 2·u(t)}, u drawn from {@code seed}. */
    static double[] series(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[LENGTH];
        for (int t = 0; t < LENGTH; t++) {
            x[t] = Math.sin(0.02 * t) + 2 * random.nextDouble();
        }
        return x;
    }

    /** The MSE of predicting each value from the mean of the {@link #WINDOW} values before it. */
    static double windowMeanMse(double[] x) {
        double sum = 0;
        for (int t = WINDOW; t < x.length; t++) {
            double mean = 0;
            for (int k = t - WINDOW; k < t; k++) {
                mean += x[k] / WINDOW;
            }
            sum += (x[t] - mean) * (x[t] - mean);
        }
        return sum / (x.length - WINDOW);
    }

    /** {@code from, from + 1, …, to − 1}. */
    static double[] range(int from, int to) {
        double[] out = new double[to - from];
        for (int i = 0; i < out.length; i++) {
            out[i] = from + i;
        }
        return out;
    }
}
