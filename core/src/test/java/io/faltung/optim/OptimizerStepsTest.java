package io.faltung.optim;

import static io.faltung.optim.OptimizerHarness.checkSteps;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.faltung.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The first three steps of every optimiser against its formula, computed by hand in doubles. */
class OptimizerStepsTest {
    private static final int STEPS = 3;

    @Test
    void sgdFirstStepByHand() {
        Tensor theta = OptimizerHarness.parameter();
        OptimizerHarness.backward(theta);               // g = (1.5, -7, 2.25)
        new SGD(0.1).step(List.of(theta));
        assertArrayEquals(new double[] {0.85, -1.3, 0.275}, theta.toDoubleArray(), 1e-15);
    }

    @Test
    void sgd() {
        checkSteps(new SGD(0.1), (i, th, g, t) -> th - 0.1 * g, STEPS);
    }

    @Test
    void sgdWithL2() {
        checkSteps(new SGD(0.1).l2(0.2), (i, th, g, t) -> th - 0.1 * (g + 0.2 * th), STEPS);
    }

    @Test
    void classicalMomentum() {
        double[] b = new double[3];
        checkSteps(new Momentum(0.1, 0.9, false), (i, th, g, t) -> {
            b[i] = t == 1 ? g : 0.9 * b[i] + g;
            return th - 0.1 * b[i];
        }, STEPS);
    }

    @Test
    void nesterovMomentumWithL2() {
        double[] b = new double[3];
        checkSteps(new Momentum(0.05, 0.8, true).l2(0.1), (i, th, g, t) -> {
            double gl = g + 0.1 * th;
            b[i] = t == 1 ? gl : 0.8 * b[i] + gl;
            return th - 0.05 * (gl + 0.8 * b[i]);
        }, STEPS);
    }

    @Test
    void adagrad() {
        double[] sum = new double[3];
        checkSteps(new Adagrad(0.5), (i, th, g, t) -> {
            sum[i] += g * g;
            return th - 0.5 * g / (Math.sqrt(sum[i]) + 1e-10);
        }, STEPS);
    }

    @Test
    void adagradWithDecayAndInitialAccumulator() {
        double[] sum = {0.1, 0.1, 0.1};
        checkSteps(new Adagrad(0.5, 0.3, 0.1, 1e-6), (i, th, g, t) -> {
            double rate = 0.5 / (1 + (t - 1) * 0.3);
            sum[i] += g * g;
            return th - rate * g / (Math.sqrt(sum[i]) + 1e-6);
        }, STEPS);
    }

    @Test
    void adagradMomentum() {
        double[] sum = new double[3];
        double[] b = new double[3];
        checkSteps(new AdagradMomentum(0.2, 0.7, 1e-10), (i, th, g, t) -> {
            sum[i] += g * g;
            b[i] = 0.7 * b[i] + g / (Math.sqrt(sum[i]) + 1e-10);
            return th - 0.2 * b[i];
        }, STEPS);
    }

    @Test
    void rmspropDefaults() {
        double[] v = new double[3];
        checkSteps(new RMSprop(0.01), (i, th, g, t) -> {
            v[i] = 0.99 * v[i] + 0.01 * g * g;
            return th - 0.01 * g / (Math.sqrt(v[i]) + 1e-8);
        }, STEPS);
    }

    @Test
    void rmspropCenteredWithMomentum() {
        double[] v = new double[3];
        double[] mean = new double[3];
        double[] b = new double[3];
        checkSteps(new RMSprop(0.01, 0.9, 1e-6, 0.5, true), (i, th, g, t) -> {
            v[i] = 0.9 * v[i] + 0.1 * g * g;
            mean[i] = 0.9 * mean[i] + 0.1 * g;
            b[i] = 0.5 * b[i] + g / (Math.sqrt(v[i] - mean[i] * mean[i]) + 1e-6);
            return th - 0.01 * b[i];
        }, STEPS);
    }

    @Test
    void adamFirstStepMovesByTheLearningRate() {
        Tensor theta = OptimizerHarness.parameter();
        OptimizerHarness.backward(theta);               // m̂ = g and v̂ = g², so the step is γ·sign(g)
        new Adam(0.1).step(List.of(theta));
        assertArrayEquals(new double[] {0.9, -1.9, 0.4}, theta.toDoubleArray(), 1e-8);
    }

    @Test
    void adam() {
        checkSteps(new Adam(0.1), adamRule(0.1, 0.9, 0.999, 1e-8, 0, 0, false), STEPS);
    }

    @Test
    void adamWithL2AndAmsgrad() {
        checkSteps(new Adam(0.05, 0.8, 0.9, 1e-6).l2(0.1).amsgrad(true),
                adamRule(0.05, 0.8, 0.9, 1e-6, 0.1, 0, true), STEPS);
    }

    @Test
    void adamW() {
        checkSteps(new AdamW(0.1, 0.05), adamRule(0.1, 0.9, 0.999, 1e-8, 0, 0.05, false), STEPS);
    }

    /** PyTorch's documented Adam/AdamW algorithm, with m̂ and v̂ spelled out. */
    private static OptimizerHarness.Rule adamRule(double lr, double beta1, double beta2, double eps, double l2,
            double decay, boolean amsgrad) {
        double[] m = new double[3];
        double[] v = new double[3];
        double[] vMax = new double[3];
        return (i, th, g, t) -> {
            double gl = g + l2 * th;
            double theta = th - lr * decay * th;
            m[i] = beta1 * m[i] + (1 - beta1) * gl;
            v[i] = beta2 * v[i] + (1 - beta2) * gl * gl;
            vMax[i] = Math.max(vMax[i], v[i]);
            double mHat = m[i] / (1 - Math.pow(beta1, t));
            double vHat = (amsgrad ? vMax[i] : v[i]) / (1 - Math.pow(beta2, t));
            return theta - lr * mHat / (Math.sqrt(vHat) + eps);
        };
    }
}
