package io.faltung.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faltung.ops.RecurrentSequences.Input;
import io.faltung.tensor.Tensor;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The whole-sequence LSTM and GRU operations: gradients of every input by central differences,
 * truncation equal to chunks chained through detached states, the same numbers as the per-step
 * cells unrolled by hand, and shape messages.
 */
class RecurrentSequencesTest extends LayerOpsFixture {
    private static final int STEPS = 5;
    private static final int BATCH = 2;
    private static final int FEATURES = 2;
    private static final int HIDDEN = 3;

    /** LSTM inputs: x, wih, b_ih, b_hh, whh, h0, c0. */
    private Tensor[] lstmInputs() {
        return new Tensor[] {input(STEPS, BATCH, FEATURES), input(4 * HIDDEN, FEATURES).mul(2), input(4 * HIDDEN),
            input(4 * HIDDEN), input(4 * HIDDEN, HIDDEN), input(BATCH, HIDDEN), input(BATCH, HIDDEN)};
    }

    /** GRU inputs: x, wih, b_ih, whh, b_hh, h0. */
    private Tensor[] gruInputs() {
        return new Tensor[] {input(STEPS, BATCH, FEATURES), input(3 * HIDDEN, FEATURES).mul(2), input(3 * HIDDEN),
            input(3 * HIDDEN, HIDDEN), input(3 * HIDDEN), input(BATCH, HIDDEN)};
    }

    private static RecurrentSequences.Sweep lstm(Tensor[] in, Tensor x, Tensor h0, Tensor c0, int truncation) {
        return RecurrentSequences.lstm(new Input(x, in[1], in[2], in[3]), in[4], h0, c0, truncation);
    }

    private static Tensor gru(Tensor[] in, Tensor x, Tensor h0, int truncation) {
        return RecurrentSequences.gru(new Input(x, in[1], in[2]), in[3], in[4], h0, truncation).outputs();
    }

    @Test
    void lstmGradientsOfEveryInput() {
        check.check("lstm sequence", in -> {
            RecurrentSequences.Sweep s = lstm(in, in[0], in[5], in[6], 0);
            return Tensor.concat(0, s.outputs().reshape(STEPS * BATCH, HIDDEN), s.lastCell());
        }, lstmInputs());
        check.check("lstm sequence, last h only, no bias", in -> {
            Tensor out = RecurrentSequences.lstm(new Input(in[0], in[1]), in[4], in[5], in[6], 0).outputs();
            return out.slice(0, STEPS - 1, STEPS);
        }, lstmInputs());
    }

    @Test
    void gruGradientsOfEveryInput() {
        check.check("gru sequence", in -> gru(in, in[0], in[5], 0), gruInputs());
        check.check("gru sequence without biases",
                in -> RecurrentSequences.gru(new Input(in[0], in[1]), in[3], null, in[5], 0).outputs(), gruInputs());
    }

    /** Truncation every 2 steps: the gradients of chunks of 2 steps chained through detached states. */
    @Test
    void truncationGivesTheGradientsOfDetachedChunks() {
        assertSameGradients(lstmInputs(), in -> {
            RecurrentSequences.Sweep s = lstm(in, in[0], in[5], in[6], 2);
            return s.outputs().sum().add(s.lastCell().mul(in[6]).sum());
        }, in -> {
            Tensor total = null;
            Tensor h = in[5];
            Tensor c = in[6];
            for (int t0 = 0; t0 < STEPS; t0 += 2) {
                RecurrentSequences.Sweep s = lstm(in, chunk(in[0], t0), h, c, 0);
                total = total == null ? s.outputs().sum() : total.add(s.outputs().sum());
                h = lastStep(s.outputs()).detach();
                c = t0 + 2 < STEPS ? s.lastCell().detach() : s.lastCell();
            }
            return total.add(c.mul(in[6]).sum());
        });
        assertSameGradients(gruInputs(), in -> gru(in, in[0], in[5], 2).square().sum(), in -> {
            Tensor total = null;
            Tensor h = in[5];
            for (int t0 = 0; t0 < STEPS; t0 += 2) {
                Tensor out = gru(in, chunk(in[0], t0), h, 0);
                total = total == null ? out.square().sum() : total.add(out.square().sum());
                h = lastStep(out).detach();
            }
            return total;
        });
    }

    private static Tensor chunk(Tensor x, int t0) {
        return x.slice(0, t0, Math.min(STEPS, t0 + 2));
    }

    private static Tensor lastStep(Tensor outputs) {
        int steps = outputs.shape().dim(0);
        return outputs.slice(0, steps - 1, steps).reshape(BATCH, HIDDEN);
    }

    private static void assertSameGradients(Tensor[] inputs, Function<Tensor[], Tensor> truncated,
                                            Function<Tensor[], Tensor> chunked) {
        double[][] expected = gradients(inputs, chunked);
        double[][] actual = gradients(inputs, truncated);
        for (int k = 0; k < inputs.length; k++) {
            assertArrayEquals(expected[k], actual[k], 1e-12, "gradient of input " + k);
        }
    }

    private static double[][] gradients(Tensor[] inputs, Function<Tensor[], Tensor> f) {
        Tensor[] in = new Tensor[inputs.length];
        for (int k = 0; k < in.length; k++) {
            in[k] = inputs[k].detach().requiresGrad(true);
        }
        f.apply(in).backward();
        double[][] out = new double[in.length][];
        for (int k = 0; k < in.length; k++) {
            out[k] = in[k].grad().toDoubleArray();
        }
        return out;
    }

    /** Backward reuses forward buffers: a second backward over the same graph must add the same gradients. */
    @Test
    void aSecondBackwardAddsTheSameGradientsAgain() {
        Tensor[] lstmIn = lstmInputs();
        Tensor[] gruIn = gruInputs();
        for (Tensor t : lstmIn) {
            t.requiresGrad(true);
        }
        for (Tensor t : gruIn) {
            t.requiresGrad(true);
        }
        Tensor loss = lstm(lstmIn, lstmIn[0], lstmIn[5], lstmIn[6], 0).outputs().square().sum()
                .add(gru(gruIn, gruIn[0], gruIn[5], 0).square().sum());
        loss.backward();
        double[] once = lstmIn[0].grad().toDoubleArray();
        double[] onceGru = gruIn[0].grad().toDoubleArray();
        loss.backward();
        double[] twice = lstmIn[0].grad().toDoubleArray();
        double[] twiceGru = gruIn[0].grad().toDoubleArray();
        for (int i = 0; i < once.length; i++) {
            once[i] *= 2;
            onceGru[i] *= 2;
        }
        assertArrayEquals(once, twice, 1e-12);
        assertArrayEquals(onceGru, twiceGru, 1e-12);
    }

    @Test
    void sameNumbersAsTheCellsUnrolledStepByStep() {
        Tensor[] in = lstmInputs();
        Tensor[] g = gruInputs();
        RecurrentSequences.Sweep lstm = lstm(in, in[0], in[5], in[6], 0);
        Tensor gru = gru(g, g[0], g[5], 0);
        Tensor h = in[5];
        Tensor c = in[6];
        Tensor hg = g[5];
        for (int t = 0; t < STEPS; t++) {
            Tensor x = in[0].slice(0, t, t + 1).reshape(BATCH, FEATURES);
            Tensor gates = x.matmul(in[1].transpose()).add(in[2]).add(in[3]).add(h.matmul(in[4].transpose()));
            RecurrentCells.LstmStep s = RecurrentCells.lstmCell(gates, c);
            h = s.h();
            c = s.c();
            assertClose(h, lstm.outputs().slice(0, t, t + 1).reshape(BATCH, HIDDEN));
            Tensor xg = g[0].slice(0, t, t + 1).reshape(BATCH, FEATURES);
            hg = RecurrentCells.gruCell(xg.matmul(g[1].transpose()).add(g[2]), hg.matmul(g[3].transpose()).add(g[4]), hg);
            assertClose(hg, gru.slice(0, t, t + 1).reshape(BATCH, HIDDEN));
        }
        assertClose(c, lstm.lastCell());
    }

    @Test
    void mismatchedShapesAreNamed() {
        Tensor[] in = lstmInputs();
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () ->
                lstm(in, input(STEPS, BATCH + 1, FEATURES), in[5], in[6], 0));
        assertTrue(x.getMessage().contains("lstmSequence: x must be [T ≥ 1, 2, F]"), x.getMessage());
        IllegalArgumentException wih = assertThrows(IllegalArgumentException.class, () ->
                RecurrentSequences.lstm(new Input(in[0], input(4 * HIDDEN, FEATURES + 1)), in[4], in[5], in[6], 0));
        assertTrue(wih.getMessage().contains("wih must be [12, 2]"), wih.getMessage());
        IllegalArgumentException whh = assertThrows(IllegalArgumentException.class, () ->
                RecurrentSequences.gru(new Input(in[0], input(3 * HIDDEN, FEATURES)), input(HIDDEN, HIDDEN), null,
                        in[5], 0));
        assertTrue(whh.getMessage().contains("gruSequence: whh must be [9, 3]"), whh.getMessage());
        IllegalArgumentException c0 = assertThrows(IllegalArgumentException.class, () ->
                lstm(in, in[0], in[5], input(BATCH, HIDDEN + 1), 0));
        assertTrue(c0.getMessage().contains("c0 must be [2, 3]"), c0.getMessage());
        IllegalArgumentException bias = assertThrows(IllegalArgumentException.class, () ->
                RecurrentSequences.lstm(new Input(in[0], in[1], input(HIDDEN)), in[4], in[5], in[6], 0));
        assertTrue(bias.getMessage().contains("input biases must be [12]"), bias.getMessage());
    }

    private static void assertClose(Tensor expected, Tensor actual) {
        assertArrayEquals(expected.toDoubleArray(), actual.toDoubleArray(), 1e-12);
    }
}
