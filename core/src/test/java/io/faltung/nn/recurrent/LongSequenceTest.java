package io.faltung.nn.recurrent;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faltung.loss.Loss;
import io.faltung.nn.Dense;
import io.faltung.nn.Sequential;
import io.faltung.nn.init.Initializer;
import io.faltung.optim.GradientClipping;
import io.faltung.optim.SGD;
import io.faltung.tensor.RandomStream;
import io.faltung.tensor.Scope;
import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The two classic troubles of training through many steps, shown rather than assumed: gradients
 * through a simple RNN vanish over a long sequence while an LSTM's cell carries them, and a
 * recurrent net whose gradients explode diverges unless they are clipped.
 */
class LongSequenceTest {
    private static final int STEPS = 50;

    /** |∂(output)/∂x_0| / |∂(output)/∂x_{T−1}|: how much of the gradient reaches the first step. */
    private static double firstToLastGradient(RecurrentLayer<?> layer) {
        layer.build(Shape.of(STEPS, 1), new RandomStream(21));
        try (Scope scope = Scope.open()) {
            Tensor x = new Fixtures(22).normal32(1, 4, STEPS, 1).requiresGrad(true);
            layer.forward(x, true).sum().backward();
            double first = 0;
            double last = 0;
            double[] g = x.grad().toDoubleArray();
            for (int b = 0; b < 4; b++) {
                first += Math.abs(g[b * STEPS]);
                last += Math.abs(g[b * STEPS + STEPS - 1]);
            }
            x.close();
            return first / last;
        } finally {
            layer.close();
        }
    }

    @Test
    void gradientsVanishThroughASimpleRnnButNotThroughAnLstm() {
        double rnn = firstToLastGradient(new SimpleRNN(8));
        double lstm = firstToLastGradient(new LSTM(8).forgetBias(3));
        assertTrue(rnn < 1e-6, "SimpleRNN: " + rnn + " of the last step's gradient reaches step 0 after " + STEPS);
        assertTrue(lstm > 1e-3, "LSTM with forget bias 3: only " + lstm + " reaches step 0");
    }

    /** Mean squared error per step of recalling x_0 at the end of 40 steps, SGD with learning rate 0.5. */
    private static double[] train(GradientClipping clipping) {
        int t = 40;
        Sequential model = new Sequential(new SimpleRNN(8).recurrentInit(Initializer.uniform(-1, 1)), new Dense(1));
        model.build(Shape.of(t, 1), new RandomStream(3));
        SGD sgd = new SGD(0.5).clipping(clipping);
        List<Tensor> parameters = List.copyOf(model.parameters().values());
        double[] losses = new double[40];
        try (Scope scope = Scope.open()) {
            Tensor x = new RandomStream(4).normal(Shape.of(16, t, 1), 0, 1);
            Tensor y = x.slice(1, 0, 1).reshape(16, 1);
            for (int step = 0; step < losses.length; step++) {
                try (Scope inner = Scope.open()) {
                    parameters.forEach(Tensor::zeroGrad);
                    Tensor loss = Loss.meanSquaredError().compute(model.forward(x, true), y);
                    loss.backward();
                    sgd.step(parameters);
                    losses[step] = loss.item();
                }
            }
        } finally {
            model.close();
        }
        return losses;
    }

    @Test
    void clippingKeepsExplodingGradientsFromDivergingTraining() {
        double[] plain = train(null);
        double[] clipped = train(GradientClipping.byGlobalNorm(1));
        double worstPlain = Arrays.stream(plain).map(v -> Double.isFinite(v) ? v : Double.POSITIVE_INFINITY).max()
                .orElseThrow();
        assertTrue(worstPlain > 1e3 * plain[0], "without clipping the loss should blow up: " + Arrays.toString(plain));
        assertTrue(Arrays.stream(clipped).allMatch(v -> Double.isFinite(v) && v < 10 * clipped[0]),
                "with clipping every loss stays bounded: " + Arrays.toString(clipped));
        double tail = Arrays.stream(clipped, clipped.length - 5, clipped.length).average().orElseThrow();
        assertTrue(tail < 0.7 * clipped[0], "with clipping the loss falls: " + Arrays.toString(clipped));
    }

}
