package io.faltung.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faltung.tensor.RandomStream;
import io.faltung.tensor.Scope;
import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class SequentialTest {

    @Test
    void infersEveryShapeAndSummarisesTheModel() {
        var model = new Sequential(new Reshape(2, 3), new Flatten(), new Dense(4).activation(Activation.RELU),
                new Dropout(0.5), new Dense(3).bias(false));
        assertEquals(Shape.of(3), model.build(Shape.of(6)));
        Summary s = model.summary();
        assertEquals(List.of("reshape_1", "flatten_1", "dense_1", "dropout_1", "dense_2"),
                s.rows().stream().map(Summary.Row::name).toList());
        assertEquals(List.of(Shape.of(2, 3), Shape.of(6), Shape.of(4), Shape.of(4), Shape.of(3)),
                s.rows().stream().map(Summary.Row::output).toList());
        assertEquals(6 * 4 + 4 + 4 * 3, s.totalParameters());
        assertEquals(s.totalParameters(), model.parameterCount());
        String table = s.toString();
        assertTrue(table.contains("dense_1 Dense(4, relu)") && table.contains("[4]") && table.contains("28"), table);
        assertTrue(table.endsWith("Total parameters: 40"), table);
    }

    @Test
    void namesParametersLikeAStateDict() {
        var model = new Sequential(new Dense(4), new Dense(2).bias(false), new Dense(1));
        model.build(Shape.of(3));
        assertEquals(List.of("dense_1.weight", "dense_1.bias", "dense_2.weight", "dense_3.weight", "dense_3.bias"),
                List.copyOf(model.parameters().keySet()));
        assertEquals(Shape.of(4, 3), model.parameters().get("dense_1.weight").shape(), "PyTorch layout [out, in]");
        var outer = new Sequential(new Sequential(new Dense(2)), new Dense(1).name("head"));
        outer.build(Shape.of(2));
        assertEquals(List.of("sequential_1.dense_1.weight", "sequential_1.dense_1.bias", "head.weight", "head.bias"),
                List.copyOf(outer.parameters().keySet()));
    }

    @Test
    void failsAtBuildNamingTheLayerTheShapeAndItsSource() {
        var model = new Sequential(new Dense(800), new Reshape(50, 4, 4), new Dense(500), new Dense(10));
        IncompatibleInputException e = assertThrows(IncompatibleInputException.class, () -> model.build(Shape.of(12)));
        assertEquals("Dense(500) expects a 1-D input per sample but gets [50, 4, 4] from Reshape(50, 4, 4)"
                + " — add Flatten() before it.", e.getMessage());
        assertFalse(model.isBuilt());
        assertTrue(model.parameters().isEmpty(), "nothing is created when a later layer is impossible");

        var first = new Sequential(new Dense(3));
        e = assertThrows(IncompatibleInputException.class, () -> first.build(Shape.of(1, 28, 28)));
        assertEquals("Dense(3) expects a 1-D input per sample but gets [1, 28, 28] — add Flatten() before it.",
                e.getMessage());
        var nested = new Sequential(new Reshape(2, 2), new Sequential(new Dense(3)));
        e = assertThrows(IncompatibleInputException.class, () -> nested.build(Shape.of(4)));
        assertTrue(e.getMessage().contains("gets [2, 2] from Reshape(2, 2)"), e.getMessage());
    }

    @Test
    void rejectsDuplicateNamesAndBatchesOfTheWrongShape() {
        Dense shared = new Dense(2);
        assertThrows(IllegalArgumentException.class, () -> new Sequential(shared, shared));
        var model = new Sequential(new Dense(2));
        IllegalStateException notBuilt = assertThrows(IllegalStateException.class,
                () -> model.forward(Tensor.zeros(1, 3), false));
        assertTrue(notBuilt.getMessage().contains("not built"), notBuilt.getMessage());
        model.build(Shape.of(3));
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> model.forward(Tensor.zeros(5, 4), false));
        assertTrue(wrong.getMessage().contains("built for input [3] per sample (batches shaped [batch, 3]) but gets a batch"
                + " [5, 4]"), wrong.getMessage());
        assertThrows(IllegalStateException.class, () -> model.build(Shape.of(4)));
        assertEquals(Shape.of(2), model.build(Shape.of(3)), "rebuilding with the same shape keeps the model");
    }

    @Test
    void theSameSeedGivesTheSameWeightsAndAnotherSeedOthers() {
        float[] a = weights(7);
        assertArrayEquals(a, weights(7));
        assertFalse(java.util.Arrays.equals(a, weights(8)));
    }

    private static float[] weights(long seed) {
        var model = new Sequential(new Dense(3), new Dense(2));
        model.build(Shape.of(4), new RandomStream(seed));
        float[] first = model.parameters().get("dense_1.weight").toFloatArray();
        float[] second = model.parameters().get("dense_2.weight").toFloatArray();
        assertFalse(java.util.Arrays.equals(first, java.util.Arrays.copyOf(second, first.length)),
                "layers draw different parts of the stream");
        model.close();
        return first;
    }

    @Test
    void forwardChainsTheLayersAndClosesFreeTheParameters() {
        var model = new Sequential(new Dense(2).weightInit(io.faltung.nn.init.Initializer.constant(1)),
                new ActivationLayer(Activation.RELU));
        model.build(Shape.of(2));
        try (Scope s = Scope.open()) {
            Tensor y = model.forward(Tensor.of(new float[] {1, 2, -3, 1}, 2, 2), false);
            assertArrayEquals(new float[] {3, 3, 0, 0}, y.toFloatArray());
        }
        Tensor w = model.parameters().get("dense_1.weight");
        model.close();
        assertTrue(w.isClosed());
    }
}
