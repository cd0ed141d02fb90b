package io.faltung.examples;

import io.faltung.data.ArrayDataset;
import io.faltung.data.TimeSeries;
import io.faltung.nn.Sequential;
import io.faltung.tensor.Scope;
import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One-step prediction of a dynamical system as a learning problem: a window of {@code window}
 * input rows (the state, possibly with known inputs such as a forcing) is the sample, and the
 * target is the increment of the state over the next step, {@code y_{t+1} − y_t}. Predicting the
 * increment rather than the state makes the easy part (the state stays where it is) exact and
 * leaves the network the dynamics. Inputs and increments are standardised with statistics of the
 * training trajectories only.
 */
final class Increments {
    private final int window;
    private final double[] inputMean;
    private final double[] inputStd;
    private final double[] deltaStd;

    private Increments(int window, double[] inputMean, double[] inputStd, double[] deltaStd) {
        this.window = window;
        this.inputMean = inputMean;
        this.inputStd = inputStd;
        this.deltaStd = deltaStd;
    }

    /** Mean and standard deviation of {@code inputs} and of the increments of {@code states}, over all rows. */
    static Increments fit(List<double[][]> inputs, List<double[][]> states, int window) {
        TimeSeries in = TimeSeries.of(rows(inputs));
        TimeSeries steps = TimeSeries.of(rows(differences(states)));
        return new Increments(window, in.mean(), in.std(), steps.std());
    }

    /** Every window starting at a multiple of {@code stride}, features {@code [window, inputs]}, targets {@code [state]}. */
    ArrayDataset dataset(List<double[][]> inputs, List<double[][]> states, int stride) {
        int d = states.get(0)[0].length;
        int count = 0;
        for (double[][] s : states) {
            count += (s.length - window - 1) / stride + 1;
        }
        int f = inputMean.length;
        float[] x = new float[count * window * f];
        float[] y = new float[count * d];
        int i = 0;
        for (int k = 0; k < states.size(); k++) {
            double[][] s = states.get(k);
            for (int start = 0; start + window < s.length; start += stride, i++) {
                System.arraycopy(window(inputs.get(k), start), 0, x, i * window * f, window * f);
                for (int j = 0; j < d; j++) {
                    y[i * d + j] = (float) ((s[start + window][j] - s[start + window - 1][j]) / deltaStd[j]);
                }
            }
        }
        return new ArrayDataset(x, Shape.of(window, f), y, Shape.of(d));
    }

    /** The standardised window of {@code inputs} rows {@code [start, start + window)}, row after row. */
    float[] window(double[][] inputs, int start) {
        int f = inputMean.length;
        float[] out = new float[window * f];
        for (int t = 0; t < window; t++) {
            for (int j = 0; j < f; j++) {
                out[t * f + j] = (float) ((inputs[start + t][j] - inputMean[j]) / inputStd[j]);
            }
        }
        return out;
    }

    /** The state after {@code state} given the network's standardised increment {@code delta}. */
    double[] next(double[] state, double[] delta) {
        double[] out = state.clone();
        for (int j = 0; j < out.length; j++) {
            out[j] += delta[j] * deltaStd[j];
        }
        return out;
    }

    /**
     * One-step errors on {@code states} (every window): the network's mean squared error per state
     * component, and that of persistence (predicting no change).
     */
    OneStep evaluate(Sequential model, List<double[][]> inputs, List<double[][]> states) {
        ArrayDataset data = dataset(inputs, states, 1);
        int d = states.get(0)[0].length;
        double model2 = 0;
        double persistence2 = 0;
        long n = 0;
        try (Scope scope = Scope.open()) {
            double[] predicted = model.predict(data).toDoubleArray();
            int i = 0;
            for (double[][] s : states) {
                for (int start = 0; start + window < s.length; start++, i++) {
                    double[] delta = new double[d];
                    System.arraycopy(predicted, i * d, delta, 0, d);
                    double[] guess = next(s[start + window - 1], delta);
                    for (int j = 0; j < d; j++) {
                        double truth = s[start + window][j];
                        model2 += (guess[j] - truth) * (guess[j] - truth);
                        persistence2 += (s[start + window - 1][j] - truth) * (s[start + window - 1][j] - truth);
                        n++;
                    }
                }
            }
        }
        return new OneStep(model2 / n, persistence2 / n);
    }

    /**
     * One-step mean squared errors.
     *
     * @param model       the network's
     * @param persistence predicting {@code y_{t+1} = y_t}
     */
    record OneStep(double model, double persistence) {
    }

    /** The network's standardised increments for a batch of windows {@code [n, window, inputs]}. */
    static double[][] predict(Sequential model, float[][] windows, int window, int features) {
        float[] flat = new float[windows.length * window * features];
        for (int i = 0; i < windows.length; i++) {
            System.arraycopy(windows[i], 0, flat, i * window * features, window * features);
        }
        try (Scope scope = Scope.open()) {
            Tensor out = model.predict(Tensor.of(flat, windows.length, window, features));
            int d = out.shape().dim(1);
            double[] v = out.toDoubleArray();
            double[][] rows = new double[windows.length][d];
            for (int i = 0; i < rows.length; i++) {
                System.arraycopy(v, i * d, rows[i], 0, d);
            }
            return rows;
        }
    }

    private static List<double[][]> differences(List<double[][]> states) {
        List<double[][]> out = new ArrayList<>();
        for (double[][] s : states) {
            double[][] d = new double[s.length - 1][s[0].length];
            for (int t = 0; t + 1 < s.length; t++) {
                for (int j = 0; j < s[0].length; j++) {
                    d[t][j] = s[t + 1][j] - s[t][j];
                }
            }
            out.add(d);
        }
        return out;
    }

    /** All rows of all trajectories, one after another. */
    private static double[][] rows(List<double[][]> trajectories) {
        return trajectories.stream().flatMap(Arrays::stream).toArray(double[][]::new);
    }
}
