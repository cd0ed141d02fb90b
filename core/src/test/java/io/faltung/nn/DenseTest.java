package io.faltung.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.faltung.nn.init.Initializer;
import io.faltung.spi.DType;
import io.faltung.tensor.RandomStream;
import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;
import io.faltung.testkit.GradCheck;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DenseTest {

    @Test
    void computesXTimesWeightTransposedPlusBias() {
        Dense d = new Dense(2);
        d.build(Shape.of(3));
        d.parameters().get("weight").assign(Tensor.of(new float[] {1, 2, 3, 0, -1, 1}, 2, 3));
        d.parameters().get("bias").assign(Tensor.of(new float[] {10, 20}, 2));
        Tensor y = d.forward(Tensor.of(new float[] {1, 1, 1, 2, 0, 1}, 2, 3), false);
        assertArrayEquals(new float[] {16, 20, 15, 21}, y.toFloatArray());
        d.close();
    }

    @Test
    void hasPyTorchLinearLayoutAndOptionalBias() {
        Dense d = new Dense(5).bias(false);
        assertEquals(Shape.of(5), d.build(Shape.of(7)));
        assertEquals(List.of("weight"), List.copyOf(d.parameters().keySet()));
        assertEquals(Shape.of(5, 7), d.parameters().get("weight").shape());
        assertEquals(35, d.parameterCount());
        assertEquals("Dense(5, no bias)", d.toString());
        assertEquals("Dense(3, leaky_relu(0.1))", new Dense(3).activation(Activation.leakyRelu(0.1)).toString());
        assertThrows(IllegalStateException.class, () -> d.activation(Activation.RELU), "configure before build");
        assertThrows(IllegalArgumentException.class, () -> new Dense(0));
        IncompatibleInputException e = assertThrows(IncompatibleInputException.class,
                () -> new Dense(4).build(Shape.scalar()));
        assertEquals("Dense(4) expects a 1-D input per sample but gets [] — give each sample a feature axis, e.g. [1].",
                e.getMessage());
    }

    @Test
    void rejectsABatchOfAnotherDtype() {
        Dense d = new Dense(1);
        d.build(Shape.of(2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> d.forward(Tensor.of(new double[] {1, 2}, 1, 2), false));
        assertEquals("Dense(1) has FLOAT32 parameters but gets a FLOAT64 batch; convert one of them"
                + " (layer.to(dtype) or batch.to(dtype))", e.getMessage());
    }

    @Test
    void gradientsMatchCentralDifferencesForEveryActivation() {
        for (Activation a : List.of(Activation.IDENTITY, Activation.SIGMOID, Activation.TANH, Activation.RELU,
                Activation.SOFTMAX, Activation.leakyRelu(0.2))) {
            Dense d = new Dense(3).activation(a).biasInit(Initializer.constant(0.1));
            d.build(Shape.of(4), new RandomStream(3));
            d.to(DType.FLOAT64);
            RandomStream r = new RandomStream(11);
            Tensor x = r.normal(Shape.of(2, 4), 0, 1).to(DType.FLOAT64).requiresGrad(true);
            Tensor weights = r.normal(Shape.of(2, 3), 0, 1).to(DType.FLOAT64);
            List<Tensor> inputs = new ArrayList<>(d.parameters().values());
            inputs.add(x);
            GradCheck.standard().checkInPlace("dense " + a, () -> d.forward(x, true).mul(weights).sum(), inputs);
            d.close();
        }
    }
}
