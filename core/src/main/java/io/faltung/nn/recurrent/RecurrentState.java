package io.faltung.nn.recurrent;

import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;

/**
 * The state of a recurrent stack between sequences, in PyTorch's layout: {@code h} is
 * {@code [layers, batch, hidden]} and so is {@code c}, the LSTM's cell state ({@code null} for
 * SimpleRNN and GRU). Pass one as the initial state to
 * {@link RecurrentLayer#forward(Tensor, RecurrentState, boolean)}; it may require gradients.
 *
 * @param h the hidden state of every layer
 * @param c the cell state of every layer (LSTM only), else {@code null}
 */
public record RecurrentState(Tensor h, Tensor c) {
    /** A state without a cell state (SimpleRNN, GRU). */
    public static RecurrentState of(Tensor h) {
        return new RecurrentState(h, null);
    }

    /** The stack of per-layer states ({@code {h}} or {@code {h, c}}, each {@code [batch, hidden]}). */
    static RecurrentState stack(Tensor[][] perLayer) {
        int layers = perLayer.length;
        Tensor[] h = new Tensor[layers];
        Tensor[] c = perLayer[0].length > 1 ? new Tensor[layers] : null;
        for (int l = 0; l < layers; l++) {
            h[l] = withLayerAxis(perLayer[l][0]);
            if (c != null) {
                c[l] = withLayerAxis(perLayer[l][1]);
            }
        }
        return new RecurrentState(Tensor.concat(0, h), c == null ? null : Tensor.concat(0, c));
    }

    private static Tensor withLayerAxis(Tensor t) {
        return t.reshape(1, t.shape().dim(0), t.shape().dim(1));
    }

    /** Layer {@code l}'s state as {@code {h}} or {@code {h, c}}, each {@code [batch, hidden]}. */
    Tensor[][] perLayer() {
        Tensor[] hs = h.unbind(0);
        Tensor[] cs = c == null ? null : c.unbind(0);
        Tensor[][] out = new Tensor[hs.length][];
        for (int l = 0; l < hs.length; l++) {
            out[l] = cs == null ? new Tensor[] {hs[l]} : new Tensor[] {hs[l], cs[l]};
        }
        return out;
    }

    /**
     * Checks that this state fits {@code batch}: h (and c exactly when {@code cellState}) shaped
     * {@code expected} and of the batch's dtype; {@code what} starts the message.
     */
    void check(String what, Shape expected, boolean cellState, Tensor batch) {
        checkPart(what, "h", h, expected, batch);
        if (cellState != (c != null)) {
            throw new IllegalArgumentException(what + (cellState
                    ? " lacks the cell state c [layers, batch, hidden] an LSTM needs"
                    : " has a cell state c, which only an LSTM has"));
        }
        if (c != null) {
            checkPart(what, "c", c, expected, batch);
        }
    }

    private static void checkPart(String what, String name, Tensor t, Shape expected, Tensor batch) {
        if (!t.shape().equals(expected)) {
            throw new IllegalArgumentException(what + " has " + name + " " + t.shape() + " but a batch " + batch.shape()
                    + " needs [layers, batch, hidden] = " + expected);
        }
        if (t.dtype() != batch.dtype()) {
            throw new IllegalArgumentException(what + " has a " + t.dtype() + " " + name + " but the batch is "
                    + batch.dtype());
        }
    }

    /** The batch size this state is for. */
    public int batchSize() {
        return h.shape().dim(1);
    }
}
