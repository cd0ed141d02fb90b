package io.faltung.dsp.filterbank;

import io.faltung.optim.Adam;
import io.faltung.optim.minimize.Iterate;
import io.faltung.optim.minimize.Minimize;
import io.faltung.optim.minimize.Objective;
import io.faltung.tensor.Scope;
import io.faltung.tensor.Tensor;
import java.util.List;
import java.util.function.Consumer;

/**
 * How a {@link FilterBankDesigner} minimises the {@link DesignLoss} of one exponent from a starting point.
 * Every method gets the gradient from autograd through the whole polyphase chain and reports each iterate,
 * the start (index 0) included.
 * <ul>
 *   <li>{@link #LBFGS} (the default): {@link Minimize#lbfgs} with a strong-Wolfe line search, at most
 *       {@code iterations} iterations or until the gradient is below {@link DesignOptions#gradientTolerance()}.
 *       The other methods reach markedly poorer designs in the same number of iterations.</li>
 *   <li>{@link #ADAM}: {@link Adam} with learning rate {@link DesignOptions#stepSize()} on the flattened
 *       coefficient vector, exactly {@code iterations} steps; returns the best iterate seen (Adam's loss is
 *       not monotone, and late oscillations would otherwise throw away a better design).</li>
 *   <li>{@link #GRADIENT_DESCENT}: {@link Minimize#gradientDescent} with step size
 *       {@link DesignOptions#stepSize()}, exactly {@code iterations} steps.</li>
 *   <li>{@link #NEWTON}: {@link Minimize#newton}, the lectures' pure Newton step with a Hessian from central
 *       differences of the autograd gradient: 2n gradient evaluations and an n×n solve per iteration for
 *       n = {@link BankStructure#parameterCount()} coefficients, and no line search, so it may step to a
 *       saddle or maximum; here it stops before the first step that does not lower the loss, and a singular
 *       Hessian is an exception. At the MDCT start the Hessian is indefinite and the very first Newton step
 *       raises the loss (so the design stays there); near an optimum, e.g. after L-BFGS, it converges
 *       quadratically. Only sensible for small structures (N = 4, few stages) and few iterations.</li>
 * </ul>
 */
public enum DesignOptimizer {
    /** Limited-memory BFGS with a line search (the default). */
    LBFGS(0.0),
    /** Adam on the coefficient vector (learning rate 0.01 by default). */
    ADAM(0.01),
    /** Plain gradient descent {@code x ← x − α·∇E} (α = 0.0003 by default). */
    GRADIENT_DESCENT(0.0003),
    /** Pure Newton steps with a finite-difference Hessian; small structures only. */
    NEWTON(0.0);

    private final double defaultStepSize;

    DesignOptimizer(double defaultStepSize) {
        this.defaultStepSize = defaultStepSize;
    }

    /** The step size (learning rate) {@link DesignOptions#withOptimizer} picks; 0 where none is used. */
    public double defaultStepSize() {
        return defaultStepSize;
    }

    /** Whether this method uses {@link DesignOptions#stepSize()}. */
    public boolean usesStepSize() {
        return defaultStepSize > 0;
    }

    /**
     * Minimises {@code f} from {@code x} with at most {@code iterations} iterations, reporting every iterate;
     * returns the last one (for Adam, the best one).
     */
    double[] minimise(Objective f, double[] x, int iterations, DesignOptions options, Consumer<Iterate> trace) {
        switch (this) {
            case ADAM:
                return adam(f, x, options.stepSize(), iterations, trace);
            case GRADIENT_DESCENT:
                return Minimize.gradientDescent(f, x, options.stepSize(), iterations, trace);
            case NEWTON:
                return descendingNewton(f, x, iterations, trace);
            default:
                return Minimize.lbfgs(f, x, iterations, options.gradientTolerance(), trace);
        }
    }

    /**
     * {@link Minimize#newton} one step at a time, stopping before the first step that does not lower f (or
     * when the gradient is exactly 0), so that it never ends above its start.
     */
    private static double[] descendingNewton(Objective f, double[] x, int iterations, Consumer<Iterate> trace) {
        Iterate[] steps = new Iterate[2];
        Minimize.newton(f, x, 0, it -> steps[0] = it);
        Iterate current = steps[0];
        trace.accept(current);
        for (int k = 1; k <= iterations; k++) {
            steps[1] = null;
            Minimize.newton(f, current.x(), 1, it -> steps[it.index()] = it);
            if (steps[1] == null || !(steps[1].value() < current.value())) {
                break;
            }
            current = new Iterate(k, steps[1].x(), steps[1].value(), steps[1].gradient());
            trace.accept(current);
        }
        return current.x();
    }

    /** {@code iterations} Adam steps on the vector of {@code f}'s variables; returns the best iterate. */
    private static double[] adam(Objective f, double[] x0, double rate, int iterations, Consumer<Iterate> trace) {
        int n = x0.length;
        Adam adam = new Adam(rate);
        Tensor theta = Scope.unscoped(() -> Tensor.of(x0.clone(), n).requiresGrad(true));
        Iterate[] best = new Iterate[1];
        Consumer<Iterate> keepBest = it -> {
            if (best[0] == null || it.value() < best[0].value()) {
                best[0] = it;
            }
            trace.accept(it);
        };
        try {
            for (int k = 0; ; k++) {
                try (Scope scope = Scope.open()) {
                    Tensor[] parts = new Tensor[n];
                    for (int i = 0; i < n; i++) {
                        parts[i] = theta.slice(0, i, i + 1).reshape();
                    }
                    Tensor y = f.apply(parts);
                    theta.zeroGrad();
                    y.backward();
                    keepBest.accept(new Iterate(k, theta.toDoubleArray(), y.item(), theta.grad().toDoubleArray()));
                    if (k == iterations) {
                        return best[0].x();
                    }
                    adam.step(List.of(theta));
                }
            }
        } finally {
            adam.clearState();
            if (theta.grad() != null) {
                theta.grad().close();
            }
            theta.close();
        }
    }
}
