package io.faltung.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DropoutTest {

    @Test
    void isTheIdentityAtInference() {
        Dropout d = new Dropout(0.5);
        d.build(Shape.of(4));
        Tensor x = Tensor.ones(2, 4);
        assertSame(x, d.forward(x, false));
    }

    @Test
    void dropsAboutRateAndScalesTheSurvivors() {
        Dropout d = new Dropout(0.25);
        d.build(Shape.of(1000));
        float[] y = d.forward(Tensor.ones(2, 1000), true).toFloatArray();
        int zeros = 0;
        for (float v : y) {
            if (v == 0) {
                zeros++;
            } else {
                assertEquals(1 / 0.75f, v, 1e-6f, "inverted dropout scales survivors by 1/(1-rate)");
            }
        }
        assertTrue(zeros > 400 && zeros < 600, zeros + " of 2000 dropped at rate 0.25");
        assertEquals(2000, d.masks().position(), "the stream advanced by one draw per element");
    }

    @Test
    void reseedingRepeatsTheMasksAndTheGradientIsTheMask() {
        Dropout d = new Dropout(0.5);
        d.build(Shape.of(8));
        d.seedRandomness(5);
        float[] first = d.forward(Tensor.ones(1, 8), true).toFloatArray();
        float[] second = d.forward(Tensor.ones(1, 8), true).toFloatArray();
        d.seedRandomness(5);
        assertArrayEquals(first, d.forward(Tensor.ones(1, 8), true).toFloatArray());
        assertNotEquals(Arrays.toString(first), Arrays.toString(second), "consecutive masks differ");

        d.seedRandomness(9);
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 1, 8).requiresGrad(true);
        Tensor y = d.forward(x, true);
        y.sum().backward();
        float[] out = y.toFloatArray();
        float[] grad = x.grad().toFloatArray();
        for (int i = 0; i < 8; i++) {
            assertEquals(out[i] == 0 ? 0 : 2, grad[i], 1e-6, "gradient passes through kept elements, scaled");
        }
        assertThrows(IllegalArgumentException.class, () -> new Dropout(1));
    }
}
