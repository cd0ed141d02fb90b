package io.faltung.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.faltung.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Operations with several outputs: one rule call per backward pass, with every output's gradient. */
class JointAutogradTest {
    private final List<Tensor[]> calls = new ArrayList<>();

    /** Outputs (2x, x²) of one joint operation; the rule counts its calls and sees both gradients. */
    private Tensor[] doubleAndSquare(Tensor x) {
        Tensor[] outs = {x.detach().mul(2), x.detach().mul(x.detach())};
        return Autograd.recordJoint(outs, "doubleAndSquare", g -> {
            calls.add(g.clone());
            Tensor dx = g[0] == null ? x.zerosLike() : g[0].mul(2);
            return new Tensor[] {g[1] == null ? dx : dx.add(g[1].mul(x).mul(2))};
        }, x);
    }

    private static Tensor param(double... values) {
        return Tensor.of(values, values.length).requiresGrad(true);
    }

    @Test
    void bothGradientsArriveInOneCall() {
        Tensor x = param(1, 3);
        Tensor[] out = doubleAndSquare(x);
        // loss = Σ 5·(2x) + Σ (x²)·x  → dx = 10 + 3x² (the second term also reads x directly)
        out[0].mul(5).add(out[1].mul(x)).sum().backward();
        assertEquals(1, calls.size());
        assertArrayEquals(new double[] {10 + 3, 10 + 27}, x.grad().toDoubleArray(), 1e-12);
        assertEquals(2, calls.get(0).length);
    }

    @Test
    void anUnusedOutputGivesNull() {
        Tensor x = param(2);
        doubleAndSquare(x)[1].sum().backward();
        assertEquals(1, calls.size());
        assertNull(calls.get(0)[0]);
        assertArrayEquals(new double[] {4}, x.grad().toDoubleArray(), 1e-12);
    }

    @Test
    void aChainOfJointStepsRunsEachRuleOnceInOrder() {
        // s_{t+1} = (2·a_t, a_t²) with a_t = s_t[0] + s_t[1]: both outputs feed the next step
        Tensor x = param(0.5);
        Tensor a = x;
        int steps = 4;
        for (int t = 0; t < steps; t++) {
            Tensor[] s = doubleAndSquare(a);
            a = s[0].add(s[1]);
        }
        a.sum().backward();
        assertEquals(steps, calls.size());
        // f(a) = 2a + a², f' = 2 + 2a; chain rule over the forward values
        double value = 0.5;
        double grad = 1;
        for (int t = 0; t < steps; t++) {
            grad *= 2 + 2 * value;
            value = 2 * value + value * value;
        }
        assertArrayEquals(new double[] {grad}, x.grad().toDoubleArray(), 1e-9 * grad);
    }

    @Test
    void nothingIsRecordedWithoutGradOrUnderNoGrad() {
        Tensor plain = Tensor.of(new double[] {1}, 1);
        Tensor[] outs = doubleAndSquare(plain);
        assertFalse(outs[0].requiresGrad());
        Tensor x = param(1);
        try (NoGrad off = NoGrad.enter()) {
            outs = doubleAndSquare(x);
        }
        assertNull(outs[1].gradFn());
        Tensor[] recorded = doubleAndSquare(x);
        assertSame(recorded[0].gradFn().joint(), recorded[1].gradFn().joint());
        assertEquals(1, recorded[1].gradFn().output());
    }
}
