package io.faltung.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.faltung.tensor.Tensor;
import org.junit.jupiter.api.Test;

class AutogradTest {

    private static Tensor param(double... values) {
        return Tensor.of(values, values.length).requiresGrad(true);
    }

    @Test
    void differentiatesAProductAndAccumulatesFanOut() {
        Tensor x = param(2, 3);
        // y = sum(x * x + 3x) → dy/dx = 2x + 3
        x.mul(x).add(x.mul(3)).sum().backward();
        assertArrayEquals(new double[] {7, 9}, x.grad().toDoubleArray(), 1e-12);
    }

    @Test
    void accumulatesAcrossBackwardCallsUntilZeroed() {
        Tensor x = param(1);
        x.mul(5).sum().backward();
        x.mul(5).sum().backward();
        assertEquals(10, x.grad().item(), 1e-12);
        x.zeroGrad();
        assertEquals(0, x.grad().item(), 1e-12);
    }

    @Test
    void broadcastGradientsAreSummedBackToTheInputShape() {
        Tensor m = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3).requiresGrad(true);
        Tensor b = param(10, 20, 30);
        m.add(b).mul(m).sum().backward();
        // d/db sum((m + b) * m) = column sums of m
        assertArrayEquals(new double[] {5, 7, 9}, b.grad().toDoubleArray(), 1e-12);
        // d/dm = 2m + b
        assertArrayEquals(new double[] {12, 24, 36, 18, 30, 42}, m.grad().toDoubleArray(), 1e-12);
    }

    @Test
    void matmulGradientsMatchTheClosedForm() {
        Tensor a = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2).requiresGrad(true);
        Tensor b = Tensor.of(new double[] {5, 6, 7, 8}, 2, 2).requiresGrad(true);
        a.matmul(b).sum().backward();
        // dA = 1·Bᵀ (row sums of B per column), dB = Aᵀ·1
        assertArrayEquals(new double[] {11, 15, 11, 15}, a.grad().toDoubleArray(), 1e-12);
        assertArrayEquals(new double[] {4, 4, 6, 6}, b.grad().toDoubleArray(), 1e-12);
    }

    @Test
    void viewGradientsAreInverseViews() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3).requiresGrad(true);
        Tensor w = Tensor.of(new double[] {1, 10, 100, 1000}, 2, 2);
        x.slice(1, 1, 3).flip(0).transpose().reshape(4).mul(w.reshape(4)).sum().backward();
        // slice cols 1..2 → [[2,3],[5,6]], flip rows → [[5,6],[2,3]], transpose → [[5,2],[6,3]]
        // weights [[1,10],[100,1000]] land on x[1][1], x[0][1], x[1][2], x[0][2]
        assertArrayEquals(new double[] {0, 10, 1000, 0, 1, 100}, x.grad().toDoubleArray(), 1e-12);
    }

    @Test
    void maxShareGradientAmongTies() {
        Tensor x = param(3, 1, 3);
        x.max(new int[] {0}, false).backward();
        assertArrayEquals(new double[] {0.5, 0, 0.5}, x.grad().toDoubleArray(), 1e-12);
    }

    @Test
    void deepGraphsDoNotOverflowTheStack() {
        Tensor x = param(1);
        Tensor y = x;
        for (int i = 0; i < 20_000; i++) {
            y = y.mul(1.0);
        }
        y.sum().backward();
        assertEquals(1, x.grad().item(), 1e-12);
    }

    @Test
    void noGradScopeRecordsNothing() {
        Tensor x = param(1, 2);
        Tensor y;
        try (NoGrad ignored = NoGrad.enter()) {
            y = x.mul(2);
        }
        assertFalse(y.requiresGrad());
        assertNull(y.gradFn());
        assertThrows(IllegalStateException.class, () -> y.sum().backward());
    }

    @Test
    void backwardNeedsAScalarOrASeed() {
        Tensor x = param(1, 2);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> x.mul(2).backward());
        assertEquals(true, e.getMessage().contains("[2]"), e.getMessage());
        x.mul(2).backward(Tensor.of(new double[] {1, 3}, 2));
        assertArrayEquals(new double[] {2, 6}, x.grad().toDoubleArray(), 1e-12);
    }
}
