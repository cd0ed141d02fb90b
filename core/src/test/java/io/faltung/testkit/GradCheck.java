package io.faltung.testkit;

import io.faltung.autograd.NoGrad;
import io.faltung.spi.Backend;
import io.faltung.spi.DType;
import io.faltung.tensor.Scope;
import io.faltung.tensor.Tensor;
import io.faltung.testkit.reference.Elements;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.opentest4j.AssertionFailedError;

/**
 * Gradient check by central differences in float64: compares the gradients autograd computes for
 * every input of a function with {@code (f(x + ε) − f(x − ε)) / 2ε}, element by element, within a
 * {@link Tolerance} (expected = numeric, actual = autograd), and reports the worst element.
 *
 * <p>The inputs are copied to fresh FLOAT64 leaves on their backend (which must support FLOAT64),
 * so the check is always in double precision. A function with a non-scalar output is contracted
 * with fixed, seeded weights of mixed sign — {@code sum(out · w)} — so that every output element
 * carries a different gradient (a plain {@code sum} would hide, for example, a transposed
 * backward). Pick inputs away from kinks (relu at 0, ties of max/abs).
 *
 * <pre>{@code
 * GradCheck.standard().check("tanh·matmul", in -> in[0].matmul(in[1]).tanh(), a, b);
 * }</pre>
 */
public final class GradCheck {
    /** The function under test. */
    @FunctionalInterface
    public interface Fn {
        /** Output computed from {@code inputs} (FLOAT64, in the order given to the check). */
        Tensor apply(Tensor... inputs);
    }

    /** Outcome per input and the overall verdict. */
    public record Report(String name, List<Comparison> inputs) {
        /** Whether every input's gradient matched. */
        public boolean passed() {
            return inputs.stream().allMatch(Comparison::passed);
        }

        /** The worst input's comparison (a failure if there is one). */
        public Comparison worst() {
            return inputs.stream().reduce(Comparison::worse).orElseThrow();
        }

        /** The worst input's message. */
        public String message() {
            return worst().message();
        }
    }

    private final double eps;
    private final Tolerance tolerance;

    private GradCheck(double eps, Tolerance tolerance) {
        if (!(eps > 0)) {
            throw new IllegalArgumentException("GradCheck step must be positive, got " + eps);
        }
        this.eps = eps;
        this.tolerance = tolerance;
    }

    /** Step 1e-6, tolerance atol 1e-6 + rtol 1e-4 (central differences are accurate to ~1e-9 here). */
    public static GradCheck standard() {
        return new GradCheck(1e-6, new Tolerance(1e-6, 1e-4));
    }

    /** The same check with step {@code eps}. */
    public GradCheck withEps(double eps) {
        return new GradCheck(eps, tolerance);
    }

    /** The same check with another acceptance bound. */
    public GradCheck withTolerance(Tolerance tolerance) {
        return new GradCheck(eps, tolerance);
    }

    /** Runs the check and throws an {@link AssertionFailedError} naming the worst element if it fails. */
    public Report check(String name, Fn f, Tensor... inputs) {
        Report report = run(name, f, inputs);
        if (!report.passed()) {
            throw new AssertionFailedError(report.message());
        }
        return report;
    }

    /** Runs the check and returns the comparison of every input. */
    public Report run(String name, Fn f, Tensor... inputs) {
        if (inputs.length == 0) {
            throw new IllegalArgumentException("GradCheck " + name + ": no inputs to differentiate");
        }
        Backend backend = inputs[0].backend();
        if (!backend.supports(DType.FLOAT64)) {
            throw new IllegalArgumentException("GradCheck " + name + " needs FLOAT64, which backend " + backend.name()
                    + " does not support");
        }
        double[][] values = new double[inputs.length][];
        int[][] shapes = new int[inputs.length][];
        for (int i = 0; i < inputs.length; i++) {
            values[i] = inputs[i].toDoubleArray();
            shapes[i] = inputs[i].shape().toArray();
        }
        double[][] analytic = analytic(name, f, backend, values, shapes);
        List<Comparison> comparisons = new ArrayList<>();
        for (int i = 0; i < inputs.length; i++) {
            double[] numeric = numeric(name, f, backend, values, shapes, i);
            String what = "GradCheck " + name + " · input " + i + " " + Arrays.toString(shapes[i])
                    + " (expected = central difference, ε " + eps + "; actual = autograd)";
            Comparison c = tolerance.compare(what, numeric, analytic[i]);
            if (!c.passed() && c.worstIndex() >= 0) {
                c = new Comparison(false, c.maxAbsError(), c.maxRelError(), c.worstIndex(), c.mismatches(),
                        c.message() + "; worst element is " + Arrays.toString(Elements.unravel(c.worstIndex(), shapes[i])));
            }
            comparisons.add(c);
        }
        return new Report(name, comparisons);
    }

    private double[][] analytic(String name, Fn f, Backend backend, double[][] values, int[][] shapes) {
        double[][] grads = new double[values.length][];
        try (Scope scope = Scope.open()) {
            Tensor[] leaves = leaves(backend, values, shapes);
            for (Tensor leaf : leaves) {
                leaf.requiresGrad(true);
            }
            loss(name, f, leaves).backward();
            for (int i = 0; i < leaves.length; i++) {
                Tensor g = leaves[i].grad();
                grads[i] = g == null ? new double[values[i].length] : g.toDoubleArray();
                if (g != null) {
                    g.close();
                }
            }
        }
        return grads;
    }

    private double[] numeric(String name, Fn f, Backend backend, double[][] values, int[][] shapes, int input) {
        double[] grad = new double[values[input].length];
        try (NoGrad off = NoGrad.enter()) {
            for (int j = 0; j < grad.length; j++) {
                double saved = values[input][j];
                values[input][j] = saved + eps;
                double plus = evaluate(name, f, backend, values, shapes);
                values[input][j] = saved - eps;
                double minus = evaluate(name, f, backend, values, shapes);
                values[input][j] = saved;
                grad[j] = (plus - minus) / (2 * eps);
            }
        }
        return grad;
    }

    private static double evaluate(String name, Fn f, Backend backend, double[][] values, int[][] shapes) {
        try (Scope scope = Scope.open()) {
            return loss(name, f, leaves(backend, values, shapes)).item();
        }
    }

    private static Tensor[] leaves(Backend backend, double[][] values, int[][] shapes) {
        Tensor[] leaves = new Tensor[values.length];
        for (int i = 0; i < values.length; i++) {
            leaves[i] = Tensor.of(backend, values[i].clone(), shapes[i]);
        }
        return leaves;
    }

    private static Tensor loss(String name, Fn f, Tensor[] leaves) {
        return contract(name, f.apply(leaves));
    }

    /** The output itself if it has one element, else its contraction with seeded weights. */
    private static Tensor contract(String name, Tensor out) {
        if (out.dtype() != DType.FLOAT64) {
            throw new IllegalArgumentException("GradCheck " + name + ": the function returned " + out.dtype()
                    + " from FLOAT64 inputs; keep the computation in FLOAT64");
        }
        if (out.size() == 1) {
            return out.sum();
        }
        SplittableRandom random = new SplittableRandom(name.hashCode());
        double[] weights = new double[Math.toIntExact(out.size())];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (random.nextBoolean() ? 1 : -1) * random.nextDouble(0.5, 1.5);
        }
        return out.mul(Tensor.of(out.backend(), weights, out.shape().toArray())).sum();
    }

    /**
     * Checks a function of tensors that already exist, such as a layer's parameters and an input:
     * each FLOAT64 leaf is perturbed in place, element by element, and restored afterwards. Use this
     * when the function reads its leaves from elsewhere (a {@code Layer}) instead of taking them as
     * arguments; a non-scalar output is contracted with seeded weights as in {@link #check}.
     */
    public Report checkInPlace(String name, Supplier<Tensor> f, List<Tensor> leaves) {
        Report report = runInPlace(name, f, leaves);
        if (!report.passed()) {
            throw new AssertionFailedError(report.message());
        }
        return report;
    }

    private Report runInPlace(String name, Supplier<Tensor> f, List<Tensor> leaves) {
        double[][] values = new double[leaves.size()][];
        double[][] analytic = new double[leaves.size()][];
        try (Scope scope = Scope.open()) {
            for (int i = 0; i < leaves.size(); i++) {
                Tensor leaf = leaves.get(i);
                if (leaf.dtype() != DType.FLOAT64 || leaf.gradFn() != null) {
                    throw new IllegalArgumentException("GradCheck " + name + ": leaf " + i + " must be a FLOAT64 leaf,"
                            + " not " + leaf);
                }
                leaf.requiresGrad(true);
                leaf.zeroGrad();
                values[i] = leaf.toDoubleArray();
            }
            contract(name, f.get()).backward();
            for (int i = 0; i < leaves.size(); i++) {
                Tensor g = leaves.get(i).grad();
                analytic[i] = g == null ? new double[values[i].length] : g.toDoubleArray();
            }
        }
        List<Comparison> comparisons = new ArrayList<>();
        for (int i = 0; i < leaves.size(); i++) {
            Tensor leaf = leaves.get(i);
            int[] shape = leaf.shape().toArray();
            double[] numeric = new double[values[i].length];
            try (NoGrad off = NoGrad.enter()) {
                for (int j = 0; j < numeric.length; j++) {
                    double plus = evaluateMoved(name, f, leaf, values[i], j, eps);
                    double minus = evaluateMoved(name, f, leaf, values[i], j, -eps);
                    numeric[j] = (plus - minus) / (2 * eps);
                }
                restore(leaf, values[i]);
            }
            String what = "GradCheck " + name + " · leaf " + i + " " + Arrays.toString(shape)
                    + " (expected = central difference, ε " + eps + "; actual = autograd)";
            comparisons.add(tolerance.compare(what, numeric, analytic[i]));
        }
        return new Report(name, comparisons);
    }

    private static double evaluateMoved(String name, Supplier<Tensor> f, Tensor leaf, double[] values, int j,
            double delta) {
        double[] moved = values.clone();
        moved[j] += delta;
        try (Scope scope = Scope.open()) {
            restore(leaf, moved);
            return contract(name, f.get()).item();
        }
    }

    private static void restore(Tensor leaf, double[] values) {
        try (Scope scope = Scope.open()) {
            leaf.assign(Tensor.of(leaf.backend(), values, leaf.shape().toArray()));
        }
    }
}
