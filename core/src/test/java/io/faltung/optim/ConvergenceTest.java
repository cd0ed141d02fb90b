package io.faltung.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.faltung.tensor.Scope;
import io.faltung.tensor.Tensor;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Adam (and friends) actually minimise: an ill-conditioned quadratic and the Rosenbrock valley. */
class ConvergenceTest {

    /** Runs {@code steps} steps of {@code optimizer} on {@code loss} from {@code start}; returns θ. */
    private static double[] minimise(Optimizer optimizer, UnaryOperator<Tensor> loss, double[] start, int steps) {
        Tensor theta = Scope.unscoped(() -> Tensor.of(start.clone(), start.length).requiresGrad(true));
        for (int k = 0; k < steps; k++) {
            try (Scope step = Scope.open()) {
                theta.zeroGrad();
                loss.apply(theta).backward();
                optimizer.step(List.of(theta));
            }
        }
        double[] result = theta.toDoubleArray();
        theta.grad().close();
        theta.close();
        return result;
    }

    /** (θ₀ − 3)² + 10·(θ₁ + 1)², minimum at (3, −1). */
    private static Tensor quadratic(Tensor t) {
        Tensor target = Tensor.of(new double[] {3, -1}, 2);
        Tensor weight = Tensor.of(new double[] {1, 10}, 2);
        return t.sub(target).square().mul(weight).sum();
    }

    /** (1 − x)² + 100·(y − x²)², minimum at (1, 1). */
    private static Tensor rosenbrock(Tensor t) {
        Tensor x = t.slice(0, 0, 1);
        Tensor y = t.slice(0, 1, 2);
        return x.rsub(1).square().add(y.sub(x.square()).square().mul(100)).sum();
    }

    @Test
    void adamSolvesAQuadratic() {
        assertArrayEquals(new double[] {3, -1}, minimise(new Adam(0.1), ConvergenceTest::quadratic,
                new double[] {0, 0}, 500), 1e-3);
    }

    @Test
    void otherOptimizersSolveAQuadratic() {
        double[] start = {0, 0};
        assertArrayEquals(new double[] {3, -1}, minimise(new SGD(0.04), ConvergenceTest::quadratic, start, 300), 1e-6);
        assertArrayEquals(new double[] {3, -1}, minimise(new Momentum(0.02, 0.9, true), ConvergenceTest::quadratic,
                start, 300), 1e-6);
        assertArrayEquals(new double[] {3, -1}, minimise(new RMSprop(0.01), ConvergenceTest::quadratic, start, 600),
                1e-2);
        assertArrayEquals(new double[] {3, -1}, minimise(new Adagrad(1.0), ConvergenceTest::quadratic, start, 300),
                1e-3);
        assertArrayEquals(new double[] {3, -1}, minimise(new AdagradMomentum(0.3), ConvergenceTest::quadratic, start,
                300), 1e-3);
    }

    @Test
    void adamFindsTheRosenbrockMinimum() {
        double[] r = minimise(new Adam(0.02), ConvergenceTest::rosenbrock, new double[] {-1.5, 2}, 3000);
        assertArrayEquals(new double[] {1, 1}, r, 1e-4);
    }
}
