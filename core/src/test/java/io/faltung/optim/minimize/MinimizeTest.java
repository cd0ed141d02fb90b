package io.faltung.optim.minimize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faltung.autograd.NoGrad;
import io.faltung.runtime.Backends;
import io.faltung.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lectures' numerics: Newton for √2, the minimum of cos, gradient descent on cos(x₁) − sin(x₂). */
class MinimizeTest {

    @Test
    void newtonRootFindsSqrt2InThreeSteps() {
        List<Iterate> trace = new ArrayList<>();
        double root = Minimize.newtonRoot(x -> x.mul(x).sub(2), 1.0, 3, trace::add);
        assertEquals(Math.sqrt(2), root, 1e-4);
        assertEquals(4, trace.size());
        double[] expected = {1, 1.5, 17.0 / 12, 577.0 / 408};   // xₖ₊₁ = (xₖ + 2/xₖ)/2
        for (int k = 0; k < 4; k++) {
            assertEquals(k, trace.get(k).index());
            assertEquals(expected[k], trace.get(k).x()[0], 1e-15);
            assertEquals(expected[k] * expected[k] - 2, trace.get(k).value(), 1e-14);
            assertEquals(2 * expected[k], trace.get(k).gradient()[0], 1e-14);
        }
    }

    @Test
    void newtonFindsTheMinimumOfCosNearThree() {
        List<Iterate> trace = new ArrayList<>();
        double x = Minimize.newton(Tensor::cos, 3.0, 5, trace::add);
        assertEquals(Math.PI, x, 1e-9);
        assertEquals(3 - Math.tan(3), trace.get(1).x()[0], 1e-8);   // x − f'/f'' = x − tan x
        assertEquals(-1, trace.get(trace.size() - 1).value(), 1e-15);
    }

    @Test
    void gradientDescentOnCosMinusSin() {
        List<Iterate> trace = new ArrayList<>();
        double[] argmin = Minimize.gradientDescent(x -> x[0].cos().sub(x[1].sin()), new double[] {2, 2}, 1.0, 20,
                trace::add);
        assertArrayEquals(new double[] {Math.PI, Math.PI / 2}, argmin, 1e-10);
        assertEquals(21, trace.size());
        // first step by hand: ∇f = (−sin x₁, −cos x₂), so x ← (2 + sin 2, 2 + cos 2)
        assertArrayEquals(new double[] {2 + Math.sin(2), 2 + Math.cos(2)}, trace.get(1).x(), 1e-15);
        assertEquals(-2, trace.get(20).value(), 1e-15);
    }

    @Test
    void newtonInSeveralVariablesSolvesAQuadraticInOneStep() {
        Objective f = x -> x[0].sub(1).square().mul(3).add(x[0].mul(x[1])).add(x[1].add(2).square());
        double[] x = Minimize.newton(f, new double[] {10, -7}, 1);
        // ∇f = 0: 6(x₀−1) + x₁ = 0 and x₀ + 2(x₁+2) = 0  →  x₀ = 16/11, x₁ = −30/11
        assertArrayEquals(new double[] {16.0 / 11, -30.0 / 11}, x, 1e-8);
    }

    @Test
    void problemsAreReportedClearly() {
        assertTrue(assertThrows(IllegalStateException.class, () -> Minimize.newtonRoot(x -> x.mul(x).add(1), 0.0, 3))
                .getMessage().contains("f'(x) = 0"));
        assertThrows(IllegalStateException.class, () -> Minimize.newton(x -> x.mul(2), 1.0, 3));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Minimize.gradientDescent(x -> Tensor.concat(0, x[0].reshape(1), x[0].reshape(1)),
                        new double[] {1}, 0.1, 1)).getMessage().contains("one-element"));
        assertThrows(IllegalArgumentException.class, () -> Minimize.gradientDescent(x -> x[0], new double[0], 1, 1));
        assertThrows(IllegalArgumentException.class, () -> Minimize.gradientDescent(x -> x[0], new double[] {1}, 0, 1));
        try (NoGrad ignored = NoGrad.enter()) {
            assertThrows(IllegalStateException.class, () -> Minimize.newtonRoot(x -> x, 1.0, 1));
        }
    }

    @Test
    void evaluationsReleaseTheirTensors() {
        long before = Backends.current().memoryStats().liveBuffers();
        Minimize.newton(x -> x[0].cos().add(x[1].square()), new double[] {3, 1}, 4);
        assertEquals(before, Backends.current().memoryStats().liveBuffers());
    }
}
