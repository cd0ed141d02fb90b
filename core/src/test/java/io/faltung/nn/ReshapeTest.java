package io.faltung.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faltung.tensor.Scope;
import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ReshapeTest {
    @Test
    void keepsTheValuesInRowMajorOrderAndInfersOneDimension() {
        Reshape r = new Reshape(-1, 3);
        assertEquals(Shape.of(2, 3), r.build(Shape.of(1, 6)));
        try (Scope s = Scope.open()) {
            Tensor y = r.forward(Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, 2, 1, 6), false);
            assertEquals(Shape.of(2, 2, 3), y.shape());
            assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, y.toFloatArray());
        }
        assertEquals("Reshape(-1, 3)", r.toString());
    }

    @Test
    void rejectsImpossibleShapes() {
        IncompatibleInputException e = assertThrows(IncompatibleInputException.class,
                () -> new Reshape(4, -1).outputShapeFor(Shape.of(6)));
        assertTrue(e.getMessage().contains("expects a sample of a multiple of 4 values but gets [6]"), e.getMessage());
        assertThrows(IncompatibleInputException.class, () -> new Reshape(1 << 30, 1 << 30, 1 << 30, 8).outputShapeFor(
                Shape.of(8)));
        assertThrows(IllegalArgumentException.class, () -> new Reshape(-1, -1));
        assertThrows(IllegalArgumentException.class, () -> new Reshape(0, 2));
        assertThrows(IllegalArgumentException.class, Reshape::new);
    }
}
