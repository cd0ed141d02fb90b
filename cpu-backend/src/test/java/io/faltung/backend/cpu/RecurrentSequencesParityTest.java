package io.faltung.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.faltung.ops.RecurrentSequences;
import io.faltung.ops.RecurrentSequences.Input;
import io.faltung.spi.Backend;
import io.faltung.spi.DType;
import io.faltung.tensor.Scope;
import io.faltung.tensor.Tensor;
import io.faltung.testkit.ReferenceBackend;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The whole-sequence LSTM and GRU operations on the CPU backend (FLOAT32: the SGEMM and the
 * vectorised cells, with a hidden size that leaves a vector tail and products split over the pool)
 * against the reference backend in FLOAT64: outputs and the gradients of every input.
 */
class RecurrentSequencesParityTest {
    private static final int STEPS = 7;
    private static final int BATCH = 5;
    private static final int FEATURES = 6;
    private static final int HIDDEN = 21;
    private static final double TOLERANCE = 2e-4;

    private final CpuBackend cpu = new CpuBackend(2);
    private final ReferenceBackend reference = new ReferenceBackend();

    @AfterEach
    void close() {
        cpu.close();
        reference.close();
    }

    @Test
    void lstmMatchesTheReference() {
        int[][] shapes = {{STEPS, BATCH, FEATURES}, {4 * HIDDEN, FEATURES}, {4 * HIDDEN}, {4 * HIDDEN},
            {4 * HIDDEN, HIDDEN}, {BATCH, HIDDEN}, {BATCH, HIDDEN}};
        assertSameOnBoth(shapes, in -> {
            RecurrentSequences.Sweep s = RecurrentSequences.lstm(new Input(in[0], in[1], in[2], in[3]), in[4], in[5],
                    in[6], 3);
            return s.outputs().square().sum().add(s.lastCell().sum());
        });
    }

    /**
     * Near the benchmark's shape (batch 32, hidden 128): full and edge row panels of A read in place
     * by the step products, and each cell step split over the pool by rows.
     */
    @Test
    void wideLstmMatchesTheReference() {
        int batch = 33;
        int hidden = 130;
        int[][] shapes = {{3, batch, FEATURES}, {4 * hidden, FEATURES}, {4 * hidden}, {4 * hidden},
            {4 * hidden, hidden}, {batch, hidden}, {batch, hidden}};
        assertSameOnBoth(shapes, in -> {
            RecurrentSequences.Sweep s = RecurrentSequences.lstm(new Input(in[0], in[1], in[2], in[3]), in[4], in[5],
                    in[6], 0);
            return s.outputs().square().sum().add(s.lastCell().sum());
        });
    }

    @Test
    void gruMatchesTheReference() {
        int[][] shapes = {{STEPS, BATCH, FEATURES}, {3 * HIDDEN, FEATURES}, {3 * HIDDEN}, {3 * HIDDEN, HIDDEN},
            {3 * HIDDEN}, {BATCH, HIDDEN}};
        assertSameOnBoth(shapes, in -> RecurrentSequences.gru(new Input(in[0], in[1], in[2]), in[3], in[4], in[5], 0)
                .outputs().square().sum());
    }

    private void assertSameOnBoth(int[][] shapes, Function<Tensor[], Tensor> loss) {
        double[][] values = new double[shapes.length][];
        SplittableRandom random = new SplittableRandom(5);
        for (int k = 0; k < shapes.length; k++) {
            int n = 1;
            for (int d : shapes[k]) {
                n *= d;
            }
            values[k] = random.doubles(n, -1, 1).toArray();
        }
        double[][] expected = run(reference, shapes, values, loss);
        double[][] actual = run(cpu, shapes, values, loss);
        for (int k = 0; k < expected.length; k++) {
            assertArrayEquals(expected[k], actual[k], TOLERANCE * (1 + maxAbs(expected[k])), "result " + k);
        }
    }

    /** The loss, then the gradient of every input, on {@code backend}. */
    private static double[][] run(Backend backend, int[][] shapes, double[][] values, Function<Tensor[], Tensor> loss) {
        try (Scope scope = Scope.open()) {
            Tensor[] in = new Tensor[shapes.length];
            for (int k = 0; k < in.length; k++) {
                Tensor t = Tensor.of(backend, values[k], shapes[k]);
                in[k] = (backend instanceof CpuBackend ? t.to(DType.FLOAT32) : t).requiresGrad(true);
            }
            Tensor l = loss.apply(in);
            l.backward();
            double[][] out = new double[1 + in.length][];
            out[0] = l.toDoubleArray();
            for (int k = 0; k < in.length; k++) {
                out[1 + k] = in[k].grad().toDoubleArray();
                in[k].grad().close();
            }
            return out;
        }
    }

    private static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
