package io.faltung.loss;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** What the losses accept as targets, and their accuracies. */
class LossChecksTest {

    @Test
    void crossEntropyExplainsClassIndexTargets() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Loss.softmaxCrossEntropy().checkShapes(Shape.of(10), Shape.of(1)));
        assertEquals("softmax cross-entropy needs one-hot targets shaped like the model output [10] per sample, but the"
                + " targets are [1] per sample (class indices?) — one-hot encode them into 10 classes", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Loss.categoricalCrossEntropy().checkShapes(Shape.of(1), Shape.of(1)));
        assertTrue(e.getMessage().contains("use binary cross-entropy"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Loss.meanSquaredError().checkShapes(Shape.of(3), Shape.of(2)));
        assertTrue(e.getMessage().contains("[3]") && e.getMessage().contains("[2]"), e.getMessage());
        assertDoesNotThrow(() -> Loss.softmaxCrossEntropy().checkShapes(Shape.of(10), Shape.of(10)));
    }

    @Test
    void crossEntropiesNeedTargetsInZeroOne() {
        assertThrows(IllegalArgumentException.class, () -> Loss.binaryCrossEntropy().checkTarget(new float[] {2}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Loss.softmaxCrossEntropy().checkTarget(new float[] {0, -1, 0}));
        assertEquals("softmax cross-entropy needs targets in [0, 1] but a target has -1.0 at position 1", e.getMessage());
        assertDoesNotThrow(() -> Loss.meanSquaredError().checkTarget(new float[] {7}));
    }

    @Test
    void computeRejectsMismatchedShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Loss.meanSquaredError().compute(Tensor.zeros(4, 1), Tensor.zeros(4)));
        assertEquals("mean squared error: output [4, 1] and target [4] must have the same shape", e.getMessage());
    }

    @Test
    void accuraciesCountDecisions() {
        Tensor out = Tensor.of(new float[] {0.1f, 0.7f, 0.2f, 0.5f, 0.3f, 0.2f, 0, 0, 1}, 3, 3);
        Tensor target = Tensor.of(new float[] {0, 1, 0, 0, 1, 0, 0, 0, 1}, 3, 3);
        Accuracy argMax = Loss.softmaxCrossEntropy().accuracy().orElseThrow();
        assertEquals(2, argMax.correct(out, target));
        assertEquals(3, argMax.decisions(target.shape()));

        Tensor p = Tensor.of(new float[] {0.9f, 0.4f, 0.6f, 0.2f}, 4, 1);
        Tensor y = Tensor.of(new float[] {1, 1, 0, 0}, 4, 1);
        Accuracy half = Loss.binaryCrossEntropy().accuracy().orElseThrow();
        assertEquals(2, half.correct(p, y));
        assertEquals(4, half.decisions(y.shape()));
        Tensor logits = Tensor.of(new float[] {2, -1, -0.5f, -3}, 4, 1);
        assertEquals(3, Loss.binaryCrossEntropyFromLogits().accuracy().orElseThrow().correct(logits, y));
        assertTrue(Loss.meanSquaredError().accuracy().isEmpty());
    }
}
