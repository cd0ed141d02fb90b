package io.faltung.examples;

import io.faltung.loss.Loss;
import io.faltung.nn.Dense;
import io.faltung.nn.Sequential;
import io.faltung.nn.recurrent.LSTM;
import io.faltung.optim.Adam;
import io.faltung.optim.Optimizer;
import io.faltung.optim.schedule.LearningRateSchedule;
import io.faltung.optim.schedule.LearningRateScheduler;
import io.faltung.tensor.RandomStream;
import io.faltung.tensor.Shape;
import io.faltung.train.Callback;
import io.faltung.train.EpochStats;
import io.faltung.train.Fit;
import io.faltung.train.Progress;
import io.faltung.train.Training;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The Lorenz system {@code x' = σ(y − x)}, {@code y' = x(ρ − z) − y}, {@code z' = xy − βz} with
 * σ = 10, ρ = 28, β = 8/3, integrated by RK4 at dt = 0.01 to t = 8 from 100 random initial states
 * in [−15, 15]³; 10 trajectories are held out. An LSTM maps a window of the last 4 states to the
 * increment over the next step ({@link Increments}).
 *
 * <p>Reported: the one-step mean squared error on the held-out trajectories against persistence
 * (predicting no change), and an autoregressive rollout — the network fed its own predictions —
 * from each held-out start: the time until the prediction is more than 1.0 away from the truth
 * (the system is chaotic, so every rollout leaves the truth eventually; the first one's x–z
 * projection is plotted).
 */
final class LorenzExample implements Example {
    static final double DT = 0.01;
    static final int STEPS = 800;
    static final int TRAJECTORIES = 100;
    static final int HELD_OUT = 10;
    static final int WINDOW = 4;
    static final double DIVERGENCE = 1.0;

    @Override
    public String name() {
        return "lorenz";
    }

    @Override
    public String description() {
        return "LSTM learns the Lorenz flow one step ahead; one-step error vs persistence, autoregressive rollout";
    }

    @Override
    public void run(Run run) throws IOException {
        List<double[][]> all = trajectories(run.seed());
        List<double[][]> train = all.subList(0, TRAJECTORIES - HELD_OUT);
        List<double[][]> test = all.subList(TRAJECTORIES - HELD_OUT, TRAJECTORIES);
        Increments increments = Increments.fit(train, train, WINDOW);
        int epochs = run.epochs(20);
        Adam adam = new Adam(3e-3);
        try (Sequential model = new Sequential(new LSTM(32), new Dense(3))) {
            model.build(Shape.of(WINDOW, 3), new RandomStream(run.seed()));
            System.out.println(model.summary());
            model.fit(increments.dataset(train, train, 2), Fit.epochs(epochs).batchSize(64)
                    .loss(Loss.meanSquaredError()).optimizer(adam).seed(run.seed()).progress(Progress.LINES)
                    .callbacks(cosineDecay(adam, epochs)));
            Increments.OneStep oneStep = increments.evaluate(model, test, test);
            double[][][] rollouts = rollout(model, increments, test);
            double[] divergence = new double[test.size()];
            for (int k = 0; k < test.size(); k++) {
                divergence[k] = divergenceTime(rollouts[k], test.get(k));
            }
            double median = median(divergence);
            System.out.printf("one-step MSE %.3g (persistence %.3g, %.0f× lower); rollout leaves the truth by %.1f after"
                    + " t = %.2f (first held-out start), median %.2f over %d starts%n", oneStep.model(),
                    oneStep.persistence(), oneStep.persistence() / oneStep.model(), DIVERGENCE, divergence[0], median,
                    test.size());
            run.metrics().put("one_step_mse", oneStep.model()).put("persistence_mse", oneStep.persistence())
                    .put("rollout_divergence_time", divergence[0]).put("rollout_divergence_time_median", median)
                    .put("rollout_divergence_times", divergence).put("epochs", epochs);
            plot(run, test.get(0), rollouts[0], divergence[0]);
        }
    }

    /** Lowers the learning rate along a cosine to 1/30 of its start over {@code epochs}. */
    static Callback cosineDecay(Optimizer optimizer, int epochs) {
        LearningRateScheduler scheduler = LearningRateScheduler.perEpoch(optimizer,
                LearningRateSchedule.cosine(optimizer.learningRate(), epochs, optimizer.learningRate() / 30));
        return new Callback() {
            @Override
            public void onEpochEnd(Training training, EpochStats stats) {
                scheduler.afterEpoch();
            }
        };
    }

    /** The Lorenz vector field with σ = 10, ρ = 28, β = 8/3. */
    static double[] lorenz(double t, double[] s) {
        return new double[] {10 * (s[1] - s[0]), s[0] * (28 - s[2]) - s[1], s[0] * s[1] - 8.0 / 3 * s[2]};
    }

    /** {@link #TRAJECTORIES} trajectories of {@code STEPS + 1} states from starts drawn from {@code seed}. */
    static List<double[][]> trajectories(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<double[][]> out = new ArrayList<>();
        for (int k = 0; k < TRAJECTORIES; k++) {
            double[] start = {random.nextDouble(-15, 15), random.nextDouble(-15, 15), random.nextDouble(-15, 15)};
            out.add(Rk4.integrate(LorenzExample::lorenz, start, DT, STEPS));
        }
        return out;
    }

    /**
     * The network fed its own predictions from the first {@link #WINDOW} true states of each
     * trajectory, all trajectories as one batch: {@code [trajectory][time][3]}.
     */
    static double[][][] rollout(Sequential model, Increments increments, List<double[][]> truths) {
        int n = truths.size();
        double[][][] states = new double[n][STEPS + 1][];
        for (int k = 0; k < n; k++) {
            for (int t = 0; t < WINDOW; t++) {
                states[k][t] = truths.get(k)[t].clone();
            }
        }
        for (int t = WINDOW; t <= STEPS; t++) {
            float[][] windows = new float[n][];
            for (int k = 0; k < n; k++) {
                windows[k] = increments.window(states[k], t - WINDOW);
            }
            double[][] deltas = Increments.predict(model, windows, WINDOW, 3);
            for (int k = 0; k < n; k++) {
                states[k][t] = increments.next(states[k][t - 1], deltas[k]);
            }
        }
        return states;
    }

    /** The first time at which {@code predicted} is more than {@link #DIVERGENCE} from {@code truth}, else the end. */
    static double divergenceTime(double[][] predicted, double[][] truth) {
        for (int t = 0; t < predicted.length; t++) {
            double d2 = 0;
            for (int j = 0; j < 3; j++) {
                d2 += (predicted[t][j] - truth[t][j]) * (predicted[t][j] - truth[t][j]);
            }
            if (Math.sqrt(d2) > DIVERGENCE) {
                return t * DT;
            }
        }
        return (predicted.length - 1) * DT;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }

    private static void plot(Run run, double[][] truth, double[][] predicted, double divergence) throws IOException {
        int until = Math.min(truth.length, (int) Math.round(divergence / DT) + 150);
        run.plot("lorenz-xz", String.format("Held-out trajectory, x–z projection (diverges after t = %.2f)", divergence),
                "x", "z")
                .series("truth", column(truth, 0, until), column(truth, 2, until))
                .series("LSTM rollout", column(predicted, 0, until), column(predicted, 2, until))
                .save();
        double[] time = new double[truth.length];
        Arrays.setAll(time, t -> t * DT);
        run.plot("lorenz-x", "Held-out trajectory, x over time", "t", "x")
                .series("truth", time, column(truth, 0, truth.length))
                .series("LSTM rollout", time, column(predicted, 0, predicted.length))
                .save();
    }

    private static double[] column(double[][] rows, int j, int until) {
        double[] out = new double[until];
        for (int t = 0; t < until; t++) {
            out[t] = rows[t][j];
        }
        return out;
    }
}
