package io.faltung.examples;

import io.faltung.loss.Loss;
import io.faltung.nn.Dense;
import io.faltung.nn.Sequential;
import io.faltung.nn.recurrent.GRU;
import io.faltung.optim.Adam;
import io.faltung.tensor.RandomStream;
import io.faltung.tensor.Shape;
import io.faltung.train.Fit;
import io.faltung.train.Progress;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * The driven, damped oscillator {@code ẍ = −2γẋ − x + F cos(Ωt)} with γ = 0.2, Ω = 0.5, F = 1,
 * x(0) = 1, v(0) = 0, integrated by RK4 at dt = 0.001 to t = 20. A GRU sees a window of 8 steps,
 * each (x, v) and its change over the step before, and predicts the change of (x, v) over the next
 * step ({@link Increments}); it is not told the drive and infers it from the motion. The first 70 %
 * of the time trains, the rest tests. Reported: the one-step mean squared error of (x, v) on the
 * test period against persistence.
 *
 * <p>Why the changes are inputs: one trajectory is a curve in state space, and the test period
 * (closer to the steady oscillation) lies on another part of it. Given only (x, v) and the drive's
 * phase, the network fits the training curve and extrapolates poorly (about 50× better than
 * persistence); given the recent changes, the next change is a small correction of the last one,
 * which carries over (over 1000× better).
 */
final class OscillatorExample implements Example {
    static final double GAMMA = 0.2;
    static final double OMEGA = 0.5;
    static final double FORCE = 1;
    static final double DT = 0.001;
    static final int STEPS = 20_000;
    static final int WINDOW = 8;

    @Override
    public String name() {
        return "oscillator";
    }

    @Override
    public String description() {
        return "GRU predicts a driven damped oscillator's position and velocity one step ahead; vs persistence";
    }

    @Override
    public void run(Run run) throws IOException {
        double[][] states = Rk4.integrate(OscillatorExample::field, new double[] {1, 0}, DT, STEPS);
        double[][] inputs = withChanges(states);
        int split = (int) Math.round(0.7 * STEPS);
        List<double[][]> trainStates = List.<double[][]>of(Arrays.copyOfRange(states, 0, split));
        List<double[][]> trainInputs = List.<double[][]>of(Arrays.copyOfRange(inputs, 0, split));
        List<double[][]> testStates = List.<double[][]>of(Arrays.copyOfRange(states, split, STEPS + 1));
        List<double[][]> testInputs = List.<double[][]>of(Arrays.copyOfRange(inputs, split, STEPS + 1));
        Increments increments = Increments.fit(trainInputs, trainStates, WINDOW);
        int epochs = run.epochs(30);
        Adam adam = new Adam(3e-3);
        try (Sequential model = new Sequential(new GRU(32), new Dense(2))) {
            model.build(Shape.of(WINDOW, 4), new RandomStream(run.seed()));
            System.out.println(model.summary());
            model.fit(increments.dataset(trainInputs, trainStates, 5), Fit.epochs(epochs).batchSize(32)
                    .loss(Loss.meanSquaredError()).optimizer(adam).seed(run.seed()).progress(Progress.NONE)
                    .callbacks(new EpochLog(5), LorenzExample.cosineDecay(adam, epochs)));
            Increments.OneStep oneStep = increments.evaluate(model, testInputs, testStates);
            System.out.printf("one-step MSE of (x, v) %.3g (persistence %.3g, %.0f× lower)%n", oneStep.model(),
                    oneStep.persistence(), oneStep.persistence() / oneStep.model());
            run.metrics().put("one_step_mse", oneStep.model()).put("persistence_mse", oneStep.persistence())
                    .put("epochs", epochs);
            plot(run, states, split);
        }
    }

    /** {@code (x, v)' = (v, −2γv − x + F cos Ωt)}. */
    static double[] field(double t, double[] y) {
        return new double[] {y[1], -2 * GAMMA * y[1] - y[0] + FORCE * Math.cos(OMEGA * t)};
    }

    /** Each state row followed by its change since the row before: {@code (x, v, Δx, Δv)} (zero change first). */
    static double[][] withChanges(double[][] states) {
        double[][] out = new double[states.length][];
        for (int n = 0; n < states.length; n++) {
            double[] prev = states[Math.max(n - 1, 0)];
            out[n] = new double[] {states[n][0], states[n][1], states[n][0] - prev[0], states[n][1] - prev[1]};
        }
        return out;
    }

    private static void plot(Run run, double[][] states, int split) throws IOException {
        int every = 20;
        int n = states.length / every;
        double[] t = new double[n];
        double[] x = new double[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = i * every * DT;
            x[i] = states[i * every][0];
            v[i] = states[i * every][1];
        }
        run.plot("oscillator", String.format("Driven damped oscillator (training until t = %.0f)", split * DT), "t",
                "value")
                .series("position x", t, x).series("velocity v", t, v).save();
    }
}
