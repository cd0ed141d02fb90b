package io.faltung.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;
import org.junit.jupiter.api.Test;

class FlattenTest {

    @Test
    void flattensEachSampleKeepingTheBatchAxis() {
        Flatten f = new Flatten();
        assertEquals(Shape.of(12), f.build(Shape.of(2, 3, 2)));
        float[] values = new float[24];
        for (int i = 0; i < values.length; i++) {
            values[i] = i;
        }
        Tensor y = f.forward(Tensor.of(values, 2, 2, 3, 2), false);
        assertEquals(Shape.of(2, 12), y.shape());
        assertArrayEquals(values, y.toFloatArray());
        assertEquals(Shape.of(1), new Flatten().build(Shape.scalar()));
        assertEquals("Flatten()", f.toString());
        assertEquals(0, f.parameterCount());
    }
}
