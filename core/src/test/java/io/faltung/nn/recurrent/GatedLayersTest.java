package io.faltung.nn.recurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faltung.spi.DType;
import io.faltung.tensor.RandomStream;
import io.faltung.tensor.Scope;
import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * LSTM and GRU against their equations written out with elementwise tensor operations (no fused
 * cell), over a two-layer stack, and their PyTorch parameter layout.
 */
class GatedLayersTest {
    private static final int H = 3;

    private static Tensor gate(Tensor all, int k) {
        return all.slice(1, k * H, (k + 1) * H);
    }

    /** PyTorch's LSTM equations for one layer over {@code x [B, T, F]}; returns every h. */
    private static Tensor lstmByHand(Tensor x, StackWeights w) {
        int b = x.shape().dim(0);
        Tensor h = x.fullLike(Shape.of(b, H), 0);
        Tensor c = h;
        Tensor[] out = new Tensor[x.shape().dim(1)];
        for (int t = 0; t < out.length; t++) {
            Tensor xt = x.slice(1, t, t + 1).reshape(b, -1);
            Tensor g = xt.matmul(w.input().transpose()).add(w.inputBias())
                    .add(h.matmul(w.hidden().transpose())).add(w.hiddenBias());
            c = gate(g, 1).sigmoid().mul(c).add(gate(g, 0).sigmoid().mul(gate(g, 2).tanh()));
            h = gate(g, 3).sigmoid().mul(c.tanh());
            out[t] = h.reshape(b, 1, H);
        }
        return Tensor.concat(1, out);
    }

    /** PyTorch's GRU equations for one layer over {@code x [B, T, F]}; returns every h. */
    private static Tensor gruByHand(Tensor x, StackWeights w) {
        int b = x.shape().dim(0);
        Tensor h = x.fullLike(Shape.of(b, H), 0);
        Tensor[] out = new Tensor[x.shape().dim(1)];
        for (int t = 0; t < out.length; t++) {
            Tensor xt = x.slice(1, t, t + 1).reshape(b, -1);
            Tensor gx = xt.matmul(w.input().transpose()).add(w.inputBias());
            Tensor gh = h.matmul(w.hidden().transpose()).add(w.hiddenBias());
            Tensor r = gate(gx, 0).add(gate(gh, 0)).sigmoid();
            Tensor z = gate(gx, 1).add(gate(gh, 1)).sigmoid();
            Tensor n = gate(gx, 2).add(r.mul(gate(gh, 2))).tanh();
            h = z.rsub(1).mul(n).add(z.mul(h));
            out[t] = h.reshape(b, 1, H);
        }
        return Tensor.concat(1, out);
    }

    private interface ByHand {
        Tensor run(Tensor x, StackWeights w);
    }

    private static void matchesTheEquations(RecurrentLayer<?> layer, ByHand byHand) {
        layer.layers(2).returnSequences(true).build(Shape.of(4, 2), new RandomStream(12));
        layer.to(DType.FLOAT64);
        try (Scope scope = Scope.open()) {
            Tensor x = new Fixtures(13).normal64(1, 3, 4, 2);
            Tensor expected = byHand.run(byHand.run(x, layer.weights(0)), layer.weights(1));
            double diff = Fixtures.maxDifference(expected, layer.forward(x, false));
            assertTrue(diff < 1e-12, layer + " differs from its equations by " + diff);
        }
        layer.close();
    }

    @Test
    void lstmFollowsPyTorchsEquations() {
        matchesTheEquations(new LSTM(H), GatedLayersTest::lstmByHand);
    }

    @Test
    void gruFollowsPyTorchsEquations() {
        matchesTheEquations(new GRU(H), GatedLayersTest::gruByHand);
    }

    @Test
    void parametersHaveTorchLayout() {
        LSTM lstm = new LSTM(5).layers(2);
        lstm.build(Shape.of(7, 3));
        assertEquals(List.of("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0",
                "weight_ih_l1", "weight_hh_l1", "bias_ih_l1", "bias_hh_l1"), List.copyOf(lstm.parameters().keySet()));
        assertEquals(Shape.of(20, 3), lstm.parameters().get("weight_ih_l0").shape());
        assertEquals(Shape.of(20, 5), lstm.parameters().get("weight_hh_l1").shape());
        assertEquals((20 * 3 + 20 * 5 + 2 * 20) + (20 * 5 + 20 * 5 + 2 * 20), lstm.parameterCount());
        GRU gru = new GRU(5).bias(false);
        gru.build(Shape.of(7, 3));
        assertEquals(List.of("weight_ih_l0", "weight_hh_l0"), List.copyOf(gru.parameters().keySet()));
        assertEquals(Shape.of(15, 3), gru.parameters().get("weight_ih_l0").shape());
        assertEquals("GRU(5, no bias)", gru.toString());
        lstm.close();
        gru.close();
    }
}
