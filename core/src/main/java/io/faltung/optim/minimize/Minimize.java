package io.faltung.optim.minimize;

import io.faltung.tensor.Tensor;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Deterministic minimisers and a root finder for small problems, in FLOAT64, with gradients from
 * autograd. The function is written with {@link Tensor} operations: an {@link Objective} for n
 * variables ({@code x -> x[0].cos().sub(x[1].sin())}) or a {@code UnaryOperator<Tensor>} on one
 * scalar ({@code x -> x.mul(x).sub(2)}). Every method has a variant taking a trace callback that
 * receives each {@link Iterate}, the starting point (index 0) included:
 *
 * <pre>{@code
 * double[] argmin = Minimize.gradientDescent(x -> x[0].cos().sub(x[1].sin()), new double[] {2, 2}, 1.0, 20);
 * double sqrt2 = Minimize.newtonRoot(x -> x.mul(x).sub(2), 1.0, 3, System.out::println);
 * }</pre>
 *
 * <ul>
 *   <li>{@link #gradientDescent}: {@code xₖ₊₁ = xₖ − α·∇f(xₖ)}, exactly {@code iterations} times.</li>
 *   <li>{@link #newton}: {@code xₖ₊₁ = xₖ − H(xₖ)⁻¹·∇f(xₖ)}, the pure Newton step towards a
 *       stationary point (no line search; from a start near a maximum it goes to the maximum). H is
 *       built from central differences of the exact gradient (relative error about 1e-10; this
 *       autograd has no second derivatives) and solved by Gaussian elimination. Stops early when
 *       the gradient is exactly 0; a singular H is an exception.</li>
 *   <li>{@link #newtonRoot}: {@code xₖ₊₁ = xₖ − f(xₖ)/f'(xₖ)} for {@code f(x) = 0}, f' by
 *       autograd. Stops early when f(x) is exactly 0; f'(x) = 0 is an exception.</li>
 *   <li>{@link #lbfgs}: limited-memory BFGS (10 pairs) with a strong-Wolfe line search, until
 *       {@code max|∂f/∂xᵢ| ≤ gradientTolerance}, {@code maxIterations}, or no further decrease is
 *       possible in float64.</li>
 * </ul>
 */
public final class Minimize {
    /** Pairs kept by {@link #lbfgs}. */
    public static final int LBFGS_MEMORY = 10;

    private static final Consumer<Iterate> NO_TRACE = it -> { };

    private Minimize() {
    }

    /** Gradient descent with step size {@code alpha}; returns the last iterate. */
    public static double[] gradientDescent(Objective f, double[] x0, double alpha, int iterations) {
        return gradientDescent(f, x0, alpha, iterations, NO_TRACE);
    }

    /** Gradient descent with step size {@code alpha}, reporting every iterate to {@code trace}. */
    public static double[] gradientDescent(Objective f, double[] x0, double alpha, int iterations,
            Consumer<Iterate> trace) {
        check("gradientDescent", x0, iterations, trace);
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("gradientDescent: step size alpha must be a finite number > 0, got "
                    + alpha);
        }
        Point p = Point.evaluate(f, x0);
        trace.accept(p.iterate(0));
        for (int k = 1; k <= iterations; k++) {
            p = Point.evaluate(f, Vectors.step(p.x(), -alpha, p.gradient()));
            trace.accept(p.iterate(k));
        }
        return p.x();
    }

    /** Newton's method for a minimum (stationary point) of f of n variables; returns the last iterate. */
    public static double[] newton(Objective f, double[] x0, int iterations) {
        return newton(f, x0, iterations, NO_TRACE);
    }

    /** Newton's method for a minimum of f of n variables, reporting every iterate to {@code trace}. */
    public static double[] newton(Objective f, double[] x0, int iterations, Consumer<Iterate> trace) {
        check("newton", x0, iterations, trace);
        Point p = Point.evaluate(f, x0);
        trace.accept(p.iterate(0));
        for (int k = 1; k <= iterations && Vectors.maxAbs(p.gradient()) != 0; k++) {
            double[] d = Hessian.solve(Hessian.of(f, p.x()), p.gradient(), p.x());
            p = Point.evaluate(f, Vectors.step(p.x(), -1, d));
            trace.accept(p.iterate(k));
        }
        return p.x();
    }

    /** Newton's method for a minimum of f of one variable; returns the last iterate. */
    public static double newton(UnaryOperator<Tensor> f, double x0, int iterations) {
        return newton(f, x0, iterations, NO_TRACE);
    }

    /** Newton's method for a minimum of f of one variable, reporting every iterate to {@code trace}. */
    public static double newton(UnaryOperator<Tensor> f, double x0, int iterations, Consumer<Iterate> trace) {
        return newton(univariate(f), new double[] {x0}, iterations, trace)[0];
    }

    /** Newton's method for a root of f, {@code f(x) = 0}; returns the last iterate. */
    public static double newtonRoot(UnaryOperator<Tensor> f, double x0, int iterations) {
        return newtonRoot(f, x0, iterations, NO_TRACE);
    }

    /**
     * Newton's method for a root of f, reporting every iterate to {@code trace} (its value is f(x),
     * its gradient f'(x)).
     */
    public static double newtonRoot(UnaryOperator<Tensor> f, double x0, int iterations, Consumer<Iterate> trace) {
        check("newtonRoot", new double[] {x0}, iterations, trace);
        Objective g = univariate(f);
        Point p = Point.evaluate(g, new double[] {x0});
        trace.accept(p.iterate(0));
        for (int k = 1; k <= iterations && p.value() != 0; k++) {
            double slope = p.gradient()[0];
            if (slope == 0 || !Double.isFinite(slope)) {
                throw new IllegalStateException("newtonRoot: f'(x) = " + slope + " at x = " + p.x()[0]
                        + " (iteration " + k + "); start elsewhere");
            }
            p = Point.evaluate(g, new double[] {p.x()[0] - p.value() / slope});
            trace.accept(p.iterate(k));
        }
        return p.x()[0];
    }

    /** L-BFGS from {@code x0}; returns the last iterate. */
    public static double[] lbfgs(Objective f, double[] x0, int maxIterations, double gradientTolerance) {
        return lbfgs(f, x0, maxIterations, gradientTolerance, NO_TRACE);
    }

    /** L-BFGS from {@code x0}, reporting every accepted iterate to {@code trace}. */
    public static double[] lbfgs(Objective f, double[] x0, int maxIterations, double gradientTolerance,
            Consumer<Iterate> trace) {
        check("lbfgs", x0, maxIterations, trace);
        if (!(gradientTolerance >= 0)) {
            throw new IllegalArgumentException("lbfgs: gradient tolerance must be ≥ 0, got " + gradientTolerance);
        }
        return new Lbfgs(LBFGS_MEMORY).run(f, x0, maxIterations, gradientTolerance, trace);
    }

    private static Objective univariate(UnaryOperator<Tensor> f) {
        if (f == null) {
            throw new IllegalArgumentException("the function must not be null");
        }
        return x -> f.apply(x[0]);
    }

    private static void check(String method, double[] x0, int iterations, Consumer<Iterate> trace) {
        if (x0 == null || x0.length == 0) {
            throw new IllegalArgumentException(method + ": the starting point needs at least one coordinate");
        }
        for (double v : x0) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(method + ": starting point " + Arrays.toString(x0)
                        + " is not finite");
            }
        }
        if (iterations < 0) {
            throw new IllegalArgumentException(method + ": iterations must be ≥ 0, got " + iterations);
        }
        if (trace == null) {
            throw new IllegalArgumentException(method + ": trace must not be null (use the variant without one)");
        }
    }
}
