package io.faltung.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faltung.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Loss values against numbers worked out by hand, and finiteness at extreme inputs. */
class LossValueTest {

    private static double value(Loss loss, double[] output, double[] target, int... shape) {
        return loss.compute(Tensor.of(output, shape), Tensor.of(target, shape)).item();
    }

    private static double value(Loss loss, float[] output, float[] target, int... shape) {
        return loss.compute(Tensor.of(output, shape), Tensor.of(target, shape)).item();
    }

    @Test
    void regressionLosses() {
        double[] out = {1, 2, 3, 4};
        double[] target = {1, 0, 3, 6};
        assertEquals(2.0, value(Loss.meanSquaredError(), out, target, 2, 2), 1e-15, "(0 + 4 + 0 + 4) / 4");
        assertEquals(1.0, value(Loss.meanAbsoluteError(), out, target, 2, 2), 1e-15, "(0 + 2 + 0 + 2) / 4");
    }

    @Test
    void binaryCrossEntropyOfProbabilitiesAndOfLogits() {
        assertEquals(-(Math.log(0.9) + Math.log(0.8)) / 2,
                value(Loss.binaryCrossEntropy(), new double[] {0.9, 0.2}, new double[] {1, 0}, 2, 1), 1e-15);
        double expected = (Math.log(1 + Math.exp(-2)) + Math.log(1 + Math.exp(-1))) / 2;
        assertEquals(expected, value(Loss.binaryCrossEntropyFromLogits(), new double[] {2, -1}, new double[] {1, 0}, 2, 1),
                1e-15, "−log σ(2) and −log(1 − σ(−1))");
        assertEquals(Math.log(2), value(Loss.binaryCrossEntropyFromLogits(), new double[] {0}, new double[] {0.5}, 1, 1),
                1e-15);
    }

    @Test
    void binaryCrossEntropyStaysFiniteAtTheExtremes() {
        double clipped = value(Loss.binaryCrossEntropy(), new float[] {0, 1}, new float[] {1, 0}, 2, 1);
        double oneMinusClip = 1 - (double) (float) (1 - 1e-7);
        assertEquals(-(Math.log(1e-7) + Math.log(oneMinusClip)) / 2, clipped, 1e-4,
                "probabilities are clipped to [1e-7, 1 - 1e-7] (rounded to FLOAT32)");
        double logits = value(Loss.binaryCrossEntropyFromLogits(), new float[] {1e30f, -1e30f, 1e30f},
                new float[] {1, 0, 0}, 3, 1);
        assertEquals(1e30 / 3, logits, 1e24, "two perfect answers and one confidently wrong");
    }

    @Test
    void categoricalCrossEntropyOfProbabilities() {
        double[] p = {0.7, 0.2, 0.1, 0.1, 0.1, 0.8};
        double[] y = {1, 0, 0, 0, 0, 1};
        assertEquals(-(Math.log(0.7) + Math.log(0.8)) / 2, value(Loss.categoricalCrossEntropy(), p, y, 2, 3), 1e-15);
        double zero = value(Loss.categoricalCrossEntropy(), new float[] {0, 1}, new float[] {1, 0}, 1, 2);
        assertTrue(Double.isFinite(zero) && zero > 15, "clipped at 1e-7: " + zero);
    }

    @Test
    void softmaxCrossEntropyFromLogits() {
        double[] z = {1, 2, 3, 0, 0, 0};
        double[] y = {0, 0, 1, 1, 0, 0};
        double lse = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3));
        assertEquals(((lse - 3) + Math.log(3)) / 2, value(Loss.softmaxCrossEntropy(), z, y, 2, 3), 1e-14);
    }

    @Test
    void softmaxCrossEntropyIsFiniteForHugeLogits() {
        float[] z = {1e30f, 0, -1e30f, 3e38f, -3e38f, 0};
        assertEquals(0, value(Loss.softmaxCrossEntropy(), z, new float[] {1, 0, 0, 1, 0, 0}, 2, 3), 0);
        double wrong = value(Loss.softmaxCrossEntropy(), z, new float[] {0, 1, 0, 0, 0, 1}, 2, 3);
        assertEquals((1e30 + 3e38) / 2, wrong, 1e32);
        Tensor logits = Tensor.of(z, 2, 3).requiresGrad(true);
        Loss.softmaxCrossEntropy().compute(logits, Tensor.of(new float[] {0, 1, 0, 0, 0, 1}, 2, 3)).backward();
        for (float g : logits.grad().toFloatArray()) {
            assertTrue(Float.isFinite(g), "gradient " + g);
        }
    }

    @Test
    void reducesOverTheBatchSoTheScaleDoesNotDependOnItsSize() {
        double one = value(Loss.softmaxCrossEntropy(), new double[] {1, 2}, new double[] {0, 1}, 1, 2);
        double twice = value(Loss.softmaxCrossEntropy(), new double[] {1, 2, 1, 2}, new double[] {0, 1, 0, 1}, 2, 2);
        assertEquals(one, twice, 1e-15);
    }
}
