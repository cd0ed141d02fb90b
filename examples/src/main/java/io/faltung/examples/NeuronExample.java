package io.faltung.examples;

import io.faltung.runtime.Backends;
import io.faltung.spi.Backend;
import io.faltung.spi.DType;
import io.faltung.tensor.Scope;
import io.faltung.tensor.Tensor;
import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One sigmoid neuron with four inputs and a constant input 1 (five weights), trained on the
 * patterns {@code [1,1,0,0] → 1} and {@code [0,0,1,1] → 0}, presented in a random sequence of 100
 * steps with learning rate α = 0.6 — twice from the same start:
 * <ol>
 *   <li>by the delta rule, in plain Java: {@code w ← w − α·δ·f'(s)·x} with {@code δ = y − t},
 *       {@code f'(s) = y·(1 − y)};</li>
 *   <li>by gradient descent on {@code E = ½·(y − t)²}, whose derivatives are central finite
 *       differences of E evaluated with tensor operations on the selected backend.</li>
 * </ol>
 * The ½ makes {@code ∂E/∂w = δ·f'(s)·x}, so both runs must end with the same weights; the
 * largest difference is the metric {@code max_weight_difference}.
 */
final class NeuronExample implements Example {
    private static final double ALPHA = 0.6;
    private static final int STEPS = 100;
    private static final double[][] PATTERNS = {{1, 1, 0, 0, 1}, {0, 0, 1, 1, 1}};
    private static final double[] TARGETS = {1, 0};
    private static final String[] WEIGHT_NAMES = {"w1", "w2", "w3", "w4", "w0 (constant input)"};

    @Override
    public String name() {
        return "neuron";
    }

    @Override
    public String description() {
        return "one sigmoid neuron: the delta rule and finite-difference gradient descent give the same weights";
    }

    /** ∂E/∂w at {@code w} for pattern {@code x} with target {@code t}. */
    private interface Gradient {
        double[] at(double[] w, double[] x, double t);
    }

    /** What one run produced: per step the output and squared error before the update, and the weights after it. */
    private record Trace(double[] output, double[] error2, double[][] weights) {
        double[] finalWeights() {
            return weights[weights.length - 1];
        }

        double[] weight(int k) {
            return Arrays.stream(weights).mapToDouble(w -> w[k]).toArray();
        }
    }

    @Override
    public void run(Run run) throws IOException {
        SplittableRandom random = new SplittableRandom(run.seed());
        int[] sequence = random.ints(STEPS, 0, PATTERNS.length).toArray();
        double[] start = random.doubles(5, -0.5, 0.5).toArray();
        System.out.printf("start weights %s; pattern sequence %s…%n", format(start),
                Arrays.toString(Arrays.copyOf(sequence, 12)));

        Trace delta = train(start, sequence, NeuronExample::deltaRule);
        FiniteDifferences fd = new FiniteDifferences(Backends.current());
        Trace numeric = train(start, sequence, fd::gradient);

        double maxDiff = 0;
        for (int k = 0; k < 5; k++) {
            maxDiff = Math.max(maxDiff, Math.abs(delta.finalWeights()[k] - numeric.finalWeights()[k]));
        }
        System.out.printf("delta rule          weights %s%n", format(delta.finalWeights()));
        System.out.printf("finite differences  weights %s  (%s, h = %.0e)%n", format(numeric.finalWeights()),
                fd.dtype, fd.h);
        System.out.printf("largest weight difference %.3e%n", maxDiff);

        Metrics m = run.metrics();
        m.put("steps", STEPS).put("learning_rate", ALPHA).put("max_weight_difference", maxDiff)
                .put("weights_delta_rule", delta.finalWeights())
                .put("weights_finite_differences", numeric.finalWeights())
                .put("finite_difference_step", fd.h).put("finite_difference_dtype", fd.dtype.toString());
        for (int p = 0; p < PATTERNS.length; p++) {
            m.put("final_output_pattern_" + (p + 1), output(delta.finalWeights(), PATTERNS[p]));
        }

        run.plot("neuron-error", "Squared error of the presented pattern", "step", "(y − t)²")
                .series("delta rule", delta.error2()).series("finite differences", numeric.error2()).save();
        run.plot("neuron-output", "Output y for the presented pattern", "step", "y")
                .series("delta rule", delta.output()).series("finite differences", numeric.output()).save();
        Plot weights = run.plot("neuron-weights", "Weights (delta rule; finite differences coincide)", "step", "w");
        for (int k = 0; k < 5; k++) {
            weights.series(WEIGHT_NAMES[k], delta.weight(k));
        }
        weights.save();
    }

    private static Trace train(double[] start, int[] sequence, Gradient gradient) {
        double[] w = start.clone();
        double[] out = new double[sequence.length];
        double[] err = new double[sequence.length];
        double[][] ws = new double[sequence.length][];
        for (int step = 0; step < sequence.length; step++) {
            double[] x = PATTERNS[sequence[step]];
            double t = TARGETS[sequence[step]];
            out[step] = output(w, x);
            err[step] = (out[step] - t) * (out[step] - t);
            double[] g = gradient.at(w, x, t);
            for (int k = 0; k < w.length; k++) {
                w[k] -= ALPHA * g[k];
            }
            ws[step] = w.clone();
        }
        return new Trace(out, err, ws);
    }

    private static double output(double[] w, double[] x) {
        double s = 0;
        for (int k = 0; k < w.length; k++) {
            s += w[k] * x[k];
        }
        return 1 / (1 + Math.exp(-s));
    }

    /** The delta rule's step direction δ·f'(s)·x. */
    private static double[] deltaRule(double[] w, double[] x, double t) {
        double y = output(w, x);
        double delta = y - t;
        double[] g = new double[w.length];
        for (int k = 0; k < w.length; k++) {
            g[k] = delta * y * (1 - y) * x[k];
        }
        return g;
    }

    /** Central differences of E = ½(σ(w·x) − t)², E evaluated with tensor operations. */
    private static final class FiniteDifferences {
        private final Backend backend;
        private final DType dtype;
        private final double h;

        FiniteDifferences(Backend backend) {
            this.backend = backend;
            this.dtype = backend.supports(DType.FLOAT64) ? DType.FLOAT64 : DType.FLOAT32;
            this.h = dtype == DType.FLOAT64 ? 1e-6 : 1e-2;
        }

        double[] gradient(double[] w, double[] x, double t) {
            double[] g = new double[w.length];
            for (int k = 0; k < w.length; k++) {
                double[] plus = w.clone();
                double[] minus = w.clone();
                plus[k] += h;
                minus[k] -= h;
                g[k] = (error(plus, x, t) - error(minus, x, t)) / (2 * h);
            }
            return g;
        }

        private double error(double[] w, double[] x, double t) {
            try (Scope scope = Scope.open()) {
                return tensor(w).mul(tensor(x)).sum().sigmoid().sub(t).square().mul(0.5).item();
            }
        }

        private Tensor tensor(double[] v) {
            if (dtype == DType.FLOAT64) {
                return Tensor.of(backend, v, v.length);
            }
            float[] f = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                f[i] = (float) v[i];
            }
            return Tensor.of(backend, f, f.length);
        }
    }

    private static String format(double[] w) {
        StringBuilder sb = new StringBuilder("[");
        for (int k = 0; k < w.length; k++) {
            sb.append(k == 0 ? "" : ", ").append(String.format("%+.6f", w[k]));
        }
        return sb.append(']').toString();
    }
}
