package io.faltung.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.faltung.spi.DType;
import io.faltung.tensor.RandomStream;
import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;
import io.faltung.testkit.GradCheck;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Gradients of the composite losses against central differences, in FLOAT64. */
class LossGradientTest {
    private static final Shape SHAPE = Shape.of(3, 4);

    private static Tensor uniform(long seed, double low, double high) {
        return new RandomStream(seed).uniform(SHAPE, low, high).to(DType.FLOAT64);
    }

    private static Tensor oneHot(int... classes) {
        double[] v = new double[classes.length * 4];
        for (int i = 0; i < classes.length; i++) {
            v[i * 4 + classes[i]] = 1;
        }
        return Tensor.of(v, classes.length, 4);
    }

    private static void check(Loss loss, Tensor output, Tensor target) {
        Tensor x = output.requiresGrad(true);
        GradCheck.standard().checkInPlace(loss.toString(), () -> loss.compute(x, target), List.of(x));
    }

    @Test
    void regressionLosses() {
        check(Loss.meanSquaredError(), uniform(1, -2, 2), uniform(2, -2, 2));
        check(Loss.meanAbsoluteError(), uniform(3, 0.5, 2), uniform(4, -2, 0));
    }

    @Test
    void binaryCrossEntropies() {
        check(Loss.binaryCrossEntropy(), uniform(5, 0.05, 0.95), uniform(6, 0, 1));
        check(Loss.binaryCrossEntropyFromLogits(), uniform(7, -4, 4), uniform(8, 0, 1));
    }

    @Test
    void categoricalCrossEntropies() {
        Tensor p = uniform(9, 0.1, 1);
        check(Loss.categoricalCrossEntropy(), p.div(p.sum(new int[] {1}, true)), oneHot(0, 3, 1));
        check(Loss.softmaxCrossEntropy(), uniform(10, -5, 5), oneHot(2, 2, 0));
    }

    @Test
    void softmaxCrossEntropyGradientIsSoftmaxMinusTargetOverBatch() {
        Tensor z = Tensor.of(new double[] {1, 2, 3, 4, 0, 0, 0, 0}, 2, 4).requiresGrad(true);
        Tensor y = Tensor.of(new double[] {0, 0, 0, 1, 1, 0, 0, 0}, 2, 4);
        Loss.softmaxCrossEntropy().compute(z, y).backward();
        double s = Math.exp(1) + Math.exp(2) + Math.exp(3) + Math.exp(4);
        double[] expected = {
            Math.exp(1) / s / 2, Math.exp(2) / s / 2, Math.exp(3) / s / 2, (Math.exp(4) / s - 1) / 2,
            (0.25 - 1) / 2, 0.125, 0.125, 0.125};
        assertArrayEquals(expected, z.grad().toDoubleArray(), 1e-15);
    }
}
