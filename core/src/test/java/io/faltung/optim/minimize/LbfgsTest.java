package io.faltung.optim.minimize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LbfgsTest {
    /** (1 − x)² + 100·(y − x²)². */
    private static final Objective ROSENBROCK = x -> x[0].rsub(1).square().add(x[1].sub(x[0].square()).square().mul(100));

    @Test
    void reachesTheRosenbrockMinimum() {
        List<Iterate> trace = new ArrayList<>();
        double[] x = Minimize.lbfgs(ROSENBROCK, new double[] {-1.2, 1}, 200, 1e-10, trace::add);
        assertArrayEquals(new double[] {1, 1}, x, 1e-5);
        assertTrue(trace.size() < 100, "iterations: " + trace.size());
        for (int k = 1; k < trace.size(); k++) {
            assertTrue(trace.get(k).value() < trace.get(k - 1).value(), "monotone decrease at iterate " + k);
        }
    }

    @Test
    void reachesTheMinimumOfAHigherDimensionalRosenbrock() {
        Objective f = x -> {
            var sum = x[0].mul(0);
            for (int i = 0; i + 1 < x.length; i++) {
                sum = sum.add(x[i].rsub(1).square()).add(x[i + 1].sub(x[i].square()).square().mul(100));
            }
            return sum;
        };
        double[] x = Minimize.lbfgs(f, new double[] {-1.2, 1, -1.2, 1, 0.5}, 500, 1e-10);
        assertArrayEquals(new double[] {1, 1, 1, 1, 1}, x, 1e-5);
    }

    @Test
    void stopsAtTheToleranceAndTheIterationLimit() {
        Objective bowl = x -> x[0].sub(3).square().add(x[1].add(1).square().mul(4));
        List<Iterate> trace = new ArrayList<>();
        double[] x = Minimize.lbfgs(bowl, new double[] {0, 0}, 50, 1e-12, trace::add);
        assertArrayEquals(new double[] {3, -1}, x, 1e-10);
        assertTrue(trace.size() < 15, "a 2-D quadratic needs a handful of iterations, took " + trace.size());
        List<Iterate> limited = new ArrayList<>();
        Minimize.lbfgs(ROSENBROCK, new double[] {-1.2, 1}, 3, 0, limited::add);
        assertEquals(4, limited.size());
    }
}
