package io.faltung.examples;

import io.faltung.optim.minimize.Iterate;
import io.faltung.optim.minimize.Minimize;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Three small problems solved with {@link Minimize}, derivatives by autograd, every iterate printed:
 * Newton's method for the root √2 of x² − 2 from x = 1 (3 iterations), Newton's method for the
 * minimum of cos x from x = 3 (→ π), and gradient descent on cos x₁ − sin x₂ from [2, 2] with
 * α = 1 (→ [π, π/2]). The plot shows each method's distance to the exact answer per iteration.
 */
final class NumericsExample implements Example {
    private static final int GD_ITERATIONS = 6;
    private static final int NEWTON_ITERATIONS = 4;
    /** Distances below this are drawn at it, so exact hits stay on the logarithmic plot. */
    private static final double FLOOR = 1e-17;

    @Override
    public String name() {
        return "numerics";
    }

    @Override
    public String description() {
        return "Newton for √2 and for the minimum of cos x, gradient descent on cos x1 − sin x2 (autograd derivatives)";
    }

    @Override
    public void run(Run run) throws IOException {
        System.out.println("Newton's method for x² − 2 = 0 from x = 1:");
        List<Iterate> root = new ArrayList<>();
        double sqrt2 = Minimize.newtonRoot(x -> x.mul(x).sub(2), 1.0, 3, print(root));

        System.out.println("Newton's method for the minimum of cos x from x = 3:");
        List<Iterate> cos = new ArrayList<>();
        double pi = Minimize.newton(x -> x.cos(), 3.0, NEWTON_ITERATIONS, print(cos));

        System.out.println("Gradient descent on cos x1 − sin x2 from [2, 2], α = 1:");
        List<Iterate> gd = new ArrayList<>();
        double[] argmin = Minimize.gradientDescent(x -> x[0].cos().sub(x[1].sin()), new double[] {2, 2}, 1.0,
                GD_ITERATIONS, print(gd));

        System.out.printf("√2 ≈ %.10f (error %.1e), π ≈ %.10f (error %.1e), argmin ≈ [%.10f, %.10f]%n", sqrt2,
                sqrt2 - Math.sqrt(2), pi, pi - Math.PI, argmin[0], argmin[1]);
        run.metrics().put("sqrt2", sqrt2).put("pi_newton", pi).put("gd_x1", argmin[0]).put("gd_x2", argmin[1])
                .put("sqrt2_error", sqrt2 - Math.sqrt(2)).put("pi_newton_error", pi - Math.PI)
                .put("gd_error", Math.hypot(argmin[0] - Math.PI, argmin[1] - Math.PI / 2));

        run.plot("numerics-convergence", "Distance to the exact answer (exact hits drawn at 1e-17)", "iteration", "|x − x*|").logY()
                .series("Newton, root of x² − 2", distances(root, Math.sqrt(2)))
                .series("Newton, minimum of cos x", distances(cos, Math.PI))
                .series("gradient descent, cos x1 − sin x2", distances(gd, Math.PI, Math.PI / 2)).save();
    }

    private static Consumer<Iterate> print(List<Iterate> into) {
        return it -> {
            into.add(it);
            System.out.printf("  %2d  x = %-44s f = %+.12f%n", it.index(), format(it.x()), it.value());
        };
    }

    private static String format(double[] x) {
        return x.length == 1 ? String.format("%.15f", x[0])
                : Arrays.stream(x).mapToObj(v -> String.format("%.15f", v)).toList().toString();
    }

    /** Iteration numbers from 0, and the Euclidean distance of each iterate to {@code exact}. */
    private static double[][] distances(List<Iterate> iterates, double... exact) {
        double[][] xy = new double[2][iterates.size()];
        for (int i = 0; i < iterates.size(); i++) {
            double[] x = iterates.get(i).x();
            double sum = 0;
            for (int k = 0; k < x.length; k++) {
                sum += (x[k] - exact[k]) * (x[k] - exact[k]);
            }
            xy[0][i] = iterates.get(i).index();
            xy[1][i] = Math.max(Math.sqrt(sum), FLOOR);
        }
        return xy;
    }
}
