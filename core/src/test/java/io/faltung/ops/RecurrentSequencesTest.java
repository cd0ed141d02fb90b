package io.faltung.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faltung.tensor.Tensor;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The whole-sequence LSTM and GRU operations: gradients of every input by central differences
 * (with and without truncation), the same numbers as the per-step cells unrolled by hand, and
 * shape messages.
 */
class RecurrentSequencesTest extends LayerOpsFixture {
    private static final int STEPS = 5;
    private static final int BATCH = 2;
    private static final int HIDDEN = 3;

    @Test
    void lstmGradientsOfEveryInputWithAndWithoutTruncation() {
        check.check("lstm sequence", in -> {
            RecurrentSequences.Sweep s = RecurrentSequences.lstm(in[0], in[1], in[2], in[3], 0);
            return Tensor.concat(0, s.outputs().reshape(STEPS * BATCH, HIDDEN), s.lastCell());
        }, input(STEPS, BATCH, 4 * HIDDEN).mul(2), input(4 * HIDDEN, HIDDEN), input(BATCH, HIDDEN),
                input(BATCH, HIDDEN));
        check.check("lstm sequence, last h only", in -> {
            Tensor out = RecurrentSequences.lstm(in[0], in[1], in[2], in[3], 0).outputs();
            return out.slice(0, STEPS - 1, STEPS);
        }, input(STEPS, BATCH, 4 * HIDDEN), input(4 * HIDDEN, HIDDEN), input(BATCH, HIDDEN), input(BATCH, HIDDEN));
    }

    @Test
    void gruGradientsOfEveryInputWithAndWithoutTruncation() {
        check.check("gru sequence", in -> RecurrentSequences.gru(in[0], in[1], in[2], in[3], 0).outputs(),
                input(STEPS, BATCH, 3 * HIDDEN).mul(2), input(3 * HIDDEN, HIDDEN), input(3 * HIDDEN),
                input(BATCH, HIDDEN));
        check.check("gru sequence without bias",
                in -> RecurrentSequences.gru(in[0], in[1], null, in[2], 0).outputs(),
                input(STEPS, BATCH, 3 * HIDDEN), input(3 * HIDDEN, HIDDEN), input(BATCH, HIDDEN));
    }

    /** Truncation every 2 steps: the gradients of chunks of 2 steps chained through detached states. */
    @Test
    void truncationGivesTheGradientsOfDetachedChunks() {
        Tensor[] lstmInputs = {input(STEPS, BATCH, 4 * HIDDEN), input(4 * HIDDEN, HIDDEN), input(BATCH, HIDDEN),
            input(BATCH, HIDDEN)};
        assertSameGradients(lstmInputs, in -> {
            RecurrentSequences.Sweep s = RecurrentSequences.lstm(in[0], in[1], in[2], in[3], 2);
            return s.outputs().sum().add(s.lastCell().mul(in[3]).sum());
        }, in -> {
            Tensor total = null;
            Tensor h = in[2];
            Tensor c = in[3];
            for (int t0 = 0; t0 < STEPS; t0 += 2) {
                Tensor chunk = in[0].slice(0, t0, Math.min(STEPS, t0 + 2));
                RecurrentSequences.Sweep s = RecurrentSequences.lstm(chunk, in[1], h, c, 0);
                total = total == null ? s.outputs().sum() : total.add(s.outputs().sum());
                h = lastStep(s.outputs()).detach();
                c = s.lastCell();
                if (t0 + 2 < STEPS) {
                    c = c.detach();
                }
            }
            return total.add(c.mul(in[3]).sum());
        });
        Tensor[] gruInputs = {input(STEPS, BATCH, 3 * HIDDEN), input(3 * HIDDEN, HIDDEN), input(3 * HIDDEN),
            input(BATCH, HIDDEN)};
        assertSameGradients(gruInputs, in -> RecurrentSequences.gru(in[0], in[1], in[2], in[3], 2).outputs().square()
                .sum(), in -> {
            Tensor total = null;
            Tensor h = in[3];
            for (int t0 = 0; t0 < STEPS; t0 += 2) {
                Tensor out = RecurrentSequences.gru(in[0].slice(0, t0, Math.min(STEPS, t0 + 2)), in[1], in[2], h, 0)
                        .outputs();
                total = total == null ? out.square().sum() : total.add(out.square().sum());
                h = lastStep(out).detach();
            }
            return total;
        });
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

    @Test
    void sameNumbersAsTheCellsUnrolledStepByStep() {
        Tensor gates = input(STEPS, BATCH, 4 * HIDDEN);
        Tensor whh = input(4 * HIDDEN, HIDDEN);
        Tensor h = input(BATCH, HIDDEN);
        Tensor c = input(BATCH, HIDDEN);
        RecurrentSequences.Sweep lstm = RecurrentSequences.lstm(gates, whh, h, c, 0);
        Tensor bias = input(4 * HIDDEN);
        Tensor gru = RecurrentSequences.gru(gates.slice(2, 0, 3 * HIDDEN), whh.slice(0, 0, 3 * HIDDEN),
                bias.slice(0, 0, 3 * HIDDEN), h, 0).outputs();
        Tensor hg = h;
        for (int t = 0; t < STEPS; t++) {
            Tensor step = gates.slice(0, t, t + 1).reshape(BATCH, 4 * HIDDEN);
            RecurrentCells.LstmStep s = RecurrentCells.lstmCell(step.add(h.matmul(whh.transpose())), c);
            h = s.h();
            c = s.c();
            assertClose(h, lstm.outputs().slice(0, t, t + 1).reshape(BATCH, HIDDEN));
            Tensor w3 = whh.slice(0, 0, 3 * HIDDEN);
            hg = RecurrentCells.gruCell(step.slice(1, 0, 3 * HIDDEN),
                    hg.matmul(w3.transpose()).add(bias.slice(0, 0, 3 * HIDDEN)), hg);
            assertClose(hg, gru.slice(0, t, t + 1).reshape(BATCH, HIDDEN));
        }
        assertClose(c, lstm.lastCell());
    }

    @Test
    void mismatchedShapesAreNamed() {
        Tensor h = input(BATCH, HIDDEN);
        IllegalArgumentException gates = assertThrows(IllegalArgumentException.class, () ->
                RecurrentSequences.lstm(input(STEPS, BATCH, 3 * HIDDEN), input(4 * HIDDEN, HIDDEN), h, h, 0));
        assertTrue(gates.getMessage().contains("lstmSequence") && gates.getMessage().contains("[T ≥ 1, 2, 12]"),
                gates.getMessage());
        IllegalArgumentException whh = assertThrows(IllegalArgumentException.class, () ->
                RecurrentSequences.gru(input(STEPS, BATCH, 3 * HIDDEN), input(HIDDEN, HIDDEN), null, h, 0));
        assertTrue(whh.getMessage().contains("gruSequence: whh must be [9, 3]"), whh.getMessage());
        IllegalArgumentException c0 = assertThrows(IllegalArgumentException.class, () ->
                RecurrentSequences.lstm(input(STEPS, BATCH, 4 * HIDDEN), input(4 * HIDDEN, HIDDEN), h,
                        input(BATCH, HIDDEN + 1), 0));
        assertTrue(c0.getMessage().contains("c0 must be [2, 3]"), c0.getMessage());
    }

    private static void assertClose(Tensor expected, Tensor actual) {
        assertArrayEquals(expected.toDoubleArray(), actual.toDoubleArray(), 1e-12);
    }
}
