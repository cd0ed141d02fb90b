package io.faltung.nn.recurrent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.faltung.nn.Activation;
import io.faltung.nn.IncompatibleInputException;
import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimpleRnnTest {

    @Test
    void computesTheElmanRecurrenceStepByStep() {
        SimpleRNN rnn = new SimpleRNN(2).returnSequences(true);
        rnn.build(Shape.of(3, 1));
        rnn.parameters().get("weight_ih_l0").assign(Tensor.of(new float[] {0.5f, -1}, 2, 1));
        rnn.parameters().get("weight_hh_l0").assign(Tensor.of(new float[] {0.1f, 0.2f, -0.3f, 0.4f}, 2, 2));
        rnn.parameters().get("bias_ih_l0").assign(Tensor.of(new float[] {0.05f, 0}, 2));
        rnn.parameters().get("bias_hh_l0").assign(Tensor.of(new float[] {0, -0.05f}, 2));
        float[] xs = {1, -2, 0.5f};
        double[] h = {0, 0};
        double[] expected = new double[6];
        for (int t = 0; t < 3; t++) {
            double a = Math.tanh(0.5 * xs[t] + 0.05 + 0.1 * h[0] + 0.2 * h[1]);
            double b = Math.tanh(-xs[t] - 0.05 - 0.3 * h[0] + 0.4 * h[1]);
            h = new double[] {a, b};
            expected[2 * t] = a;
            expected[2 * t + 1] = b;
        }
        double[] actual = rnn.forward(Tensor.of(xs, 1, 3, 1), false).toDoubleArray();
        assertArrayEquals(expected, actual, 1e-6);
        rnn.close();
    }

    @Test
    void hasPyTorchParametersAndShapes() {
        SimpleRNN rnn = new SimpleRNN(4, Activation.RELU).layers(2);
        assertEquals(Shape.of(4), rnn.build(Shape.of(7, 3)));
        assertEquals(List.of("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0",
                "weight_ih_l1", "weight_hh_l1", "bias_ih_l1", "bias_hh_l1"), List.copyOf(rnn.parameters().keySet()));
        assertEquals(Shape.of(4, 3), rnn.parameters().get("weight_ih_l0").shape());
        assertEquals(Shape.of(4, 4), rnn.parameters().get("weight_ih_l1").shape());
        assertEquals(Shape.of(4, 4), rnn.parameters().get("weight_hh_l1").shape());
        assertEquals("SimpleRNN(4, relu, layers=2)", rnn.toString());
        double bound = 1 / Math.sqrt(4);
        for (Tensor p : rnn.parameters().values()) {
            for (double v : p.toDoubleArray()) {
                assertEquals(0, v, bound, "PyTorch's default U(−1/√H, 1/√H)");
            }
        }
        assertEquals(Shape.of(5, 6), new SimpleRNN(6).returnSequences(true).bias(false).build(Shape.of(5, 2)));
        rnn.close();
    }

    @Test
    void rejectsInputsThatAreNotSequencesOfFeatureVectors() {
        IncompatibleInputException e = assertThrows(IncompatibleInputException.class,
                () -> new SimpleRNN(3).build(Shape.of(10)));
        assertEquals("SimpleRNN(3) expects a 2-D input per sample, [time, features] but gets [10] — give each step a"
                + " feature axis: [10, 1].", e.getMessage());
        e = assertThrows(IncompatibleInputException.class, () -> new SimpleRNN(3).build(Shape.of(10, 2, 2)));
        assertEquals("SimpleRNN(3) expects a 2-D input per sample, [time, features] but gets [10, 2, 2] — flatten each"
                + " step's features to one axis.", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SimpleRNN(0));
        assertThrows(IllegalArgumentException.class, () -> new SimpleRNN(2).layers(0));
        assertThrows(IllegalArgumentException.class, () -> new SimpleRNN(2).dropout(1));
    }

    @Test
    void acceptsAnyTimeLengthButNotOtherFeatures() {
        SimpleRNN rnn = new SimpleRNN(2).returnSequences(true);
        rnn.build(Shape.of(4, 3));
        assertEquals(Shape.of(2, 9, 2), rnn.forward(Tensor.zeros(2, 9, 3), false).shape());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> rnn.forward(Tensor.zeros(2, 4, 2), false));
        assertEquals("SimpleRNN(2, sequences) was built for 3 features per step (batches shaped [batch, time, 3]) but"
                + " gets a batch [2, 4, 2]", e.getMessage());
        rnn.close();
    }
}
