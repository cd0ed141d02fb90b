package io.faltung.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faltung.spi.Backend;
import io.faltung.spi.View;
import io.faltung.tensor.Tensor;
import io.faltung.testkit.ForwardingBackend;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * lstmCell / gruCell: gradients by central differences for each output alone, both together and
 * a few unrolled steps with matmul gates (the LSTM and GRU layers in miniature); one backward call
 * per LSTM step; shape messages.
 */
class RecurrentCellsTest extends LayerOpsFixture {

    @Test
    void lstmGradientsOfBothOutputsTogetherAndAlone() {
        Tensor gates = input(3, 4 * 5).mul(2);
        Tensor cPrev = input(3, 5);
        check.check("lstm h and c", in -> {
            RecurrentCells.LstmStep s = RecurrentCells.lstmCell(in[0], in[1]);
            return Tensor.concat(1, s.h(), s.c());
        }, gates, cPrev);
        check.check("lstm h only", in -> RecurrentCells.lstmCell(in[0], in[1]).h(), gates, cPrev);
        check.check("lstm c only", in -> RecurrentCells.lstmCell(in[0], in[1]).c(), gates, cPrev);
    }

    @Test
    void lstmUnrolledOverThreeStepsWithMatmulGates() {
        int batch = 2;
        int hidden = 3;
        check.check("lstm 3 steps", in -> {
            Tensor h = in[3];
            Tensor c = in[4];
            Tensor out = null;
            for (int t = 0; t < 3; t++) {
                Tensor x = in[0].slice(0, t, t + 1).reshape(batch, 2);
                RecurrentCells.LstmStep s = RecurrentCells.lstmCell(x.matmul(in[1]).add(h.matmul(in[2])), c);
                h = s.h();
                c = s.c();
                out = out == null ? h : out.add(h.mul(t + 1));
            }
            return out;
        }, input(3, batch, 2), input(2, 4 * hidden), input(hidden, 4 * hidden), input(batch, hidden), input(batch, hidden));
    }

    @Test
    void gruGradientsOfAllThreeInputsAndUnrolledSteps() {
        check.check("gru cell", in -> RecurrentCells.gruCell(in[0], in[1], in[2]), input(2, 3 * 4).mul(2),
                input(2, 3 * 4), input(2, 4));
        int batch = 1;
        int hidden = 5;
        check.check("gru 3 steps", in -> {
            Tensor h = in[3];
            for (int t = 0; t < 3; t++) {
                Tensor x = in[0].slice(0, t, t + 1).reshape(batch, 2);
                h = RecurrentCells.gruCell(x.matmul(in[1]), h.matmul(in[2]), h);
            }
            return h;
        }, input(3, batch, 2), input(2, 3 * hidden), input(hidden, 3 * hidden), input(batch, hidden));
    }

    @Test
    void lstmBackwardRunsOncePerStepWithBothGradients() {
        AtomicInteger calls = new AtomicInteger();
        Backend counting = new ForwardingBackend(backend) {
            @Override
            public void lstmCellBackward(View dh, View dc, View saved, View cPrev, View c, View dGates, View dcPrev) {
                calls.incrementAndGet();
                super.lstmCellBackward(dh, dc, saved, cPrev, c, dGates, dcPrev);
            }
        };
        Tensor gates = Tensor.of(counting, input(2, 8).toDoubleArray(), 2, 8).requiresGrad(true);
        Tensor c = Tensor.of(counting, input(2, 2).toDoubleArray(), 2, 2);
        Tensor loss = null;
        for (int t = 0; t < 4; t++) {
            RecurrentCells.LstmStep s = RecurrentCells.lstmCell(gates, c);
            c = s.c();
            loss = loss == null ? s.h().sum() : loss.add(s.h().sum());
        }
        loss.add(c.sum()).backward();
        assertEquals(4, calls.get());
        assertEquals(16, gates.grad().size());
        gates.grad().close();
    }

    @Test
    void valuesAtZeroGates() {
        RecurrentCells.LstmStep s = RecurrentCells.lstmCell(Tensor.of(backend, new double[4], 1, 4),
                Tensor.of(backend, new double[] {2}, 1, 1));
        assertArrayEquals(new double[] {1}, s.c().toDoubleArray(), 1e-15);
        assertArrayEquals(new double[] {0.5 * Math.tanh(1)}, s.h().toDoubleArray(), 1e-15);
    }

    @Test
    void shapeErrorsNameTheOpAndShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RecurrentCells.lstmCell(input(3, 12), input(3, 4)));
        assertTrue(e.getMessage().equals("lstmCell: gates must be [B, 4·H] for cPrev [B, H], got gates [3, 12] and cPrev [3, 4]"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RecurrentCells.gruCell(input(2, 6), input(2, 9), input(2, 2)));
        assertTrue(e.getMessage().startsWith("gruCell: hGates must be [B, 3·H]"), e.getMessage());
    }
}
