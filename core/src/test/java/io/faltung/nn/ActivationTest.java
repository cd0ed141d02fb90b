package io.faltung.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ActivationTest {
    private static final double[] X = {-2, -0.5, 0.5, 3};

    private static double[] apply(Activation a, double... x) {
        return a.apply(Tensor.of(x, x.length)).toDoubleArray();
    }

    @Test
    void elementwiseActivationsMatchTheirFormulas() {
        assertArrayEquals(X, apply(Activation.IDENTITY, X), 0);
        assertArrayEquals(new double[] {0, 0, 0.5, 3}, apply(Activation.RELU, X), 0);
        assertArrayEquals(new double[] {-0.2, -0.05, 0.5, 3}, apply(Activation.leakyRelu(0.1), X), 1e-15);
        for (int i = 0; i < X.length; i++) {
            assertEquals(Math.tanh(X[i]), apply(Activation.TANH, X)[i], 1e-15);
            assertEquals(1 / (1 + Math.exp(-X[i])), apply(Activation.SIGMOID, X)[i], 1e-15);
        }
        assertThrows(IllegalArgumentException.class, () -> Activation.leakyRelu(1.5));
    }

    @Test
    void softmaxNormalisesTheLastAxisAndSurvivesHugeValues() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 1000, 1000, -1000}, 2, 3);
        double[] p = Activation.SOFTMAX.apply(x).toDoubleArray();
        double z = Math.exp(1) + Math.exp(2) + Math.exp(3);
        assertArrayEquals(new double[] {Math.exp(1) / z, Math.exp(2) / z, Math.exp(3) / z, 0.5, 0.5, 0}, p, 1e-15);
        float[] f = Activation.SOFTMAX.apply(Tensor.of(new float[] {3e38f, 0, -3e38f}, 1, 3)).toFloatArray();
        assertArrayEquals(new float[] {1, 0, 0}, f);
    }

    @Test
    void activationLayerKeepsTheShapeAndNamesItself() {
        ActivationLayer layer = new ActivationLayer(Activation.TANH);
        assertEquals(Shape.of(2, 5), layer.build(Shape.of(2, 5)));
        assertEquals("Activation(tanh)", layer.toString());
        assertEquals("activation_1", new Sequential(layer).layers().get(0).name());
        assertThrows(IncompatibleInputException.class,
                () -> new ActivationLayer(Activation.SOFTMAX).build(Shape.scalar()));
    }
}
