package io.faltung.ops;

import io.faltung.autograd.Autograd;
import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;

/**
 * Forward and backward of the SPI recurrent-cell primitives: the elementwise half of one LSTM or
 * GRU step, after the layer has computed the gate pre-activations with matmuls (whose gradients
 * autograd handles as usual).
 *
 * <p>The LSTM cell has two outputs, h and c, recorded as one joint operation
 * ({@link Autograd#recordJoint}) so that its backward runs once per step with the gradients of both
 * (either may be absent: the last c of a sequence is often unused). Saved for backward: the
 * activated gates ({@code saved}), {@code cPrev} and {@code c} (LSTM); {@code saved}, {@code hPrev}
 * and {@code hGates} (GRU).
 */
public final class RecurrentCells {
    private RecurrentCells() {
    }

    /** The two outputs of an LSTM step: hidden state {@code h} and cell state {@code c}, each {@code [B, H]}. */
    public record LstmStep(Tensor h, Tensor c) {
    }

    /**
     * One LSTM step from the gate pre-activations {@code gates [B, 4H]} (order i, f, g, o, as
     * PyTorch) and the previous cell state {@code cPrev [B, H]}: {@code c = σ(f)·cPrev + σ(i)·tanh(g)},
     * {@code h = σ(o)·tanh(c)}. Differentiable with respect to {@code gates} and {@code cPrev}.
     */
    public static LstmStep lstmCell(Tensor gates, Tensor cPrev) {
        Shape state = checkCell("lstmCell", 4, cPrev, "cPrev", gates, "gates");
        Tensor gc = gates.contiguous();
        Tensor cp = cPrev.contiguous();
        Tensor h = Tensor.empty(cp.backend(), cp.dtype(), state);
        Tensor c = Tensor.empty(cp.backend(), cp.dtype(), state);
        Tensor saved = Tensor.empty(cp.backend(), cp.dtype(), gc.shape());
        cp.backend().lstmCellForward(gc.view(), cp.view(), h.view(), c.view(), saved.view());
        Autograd.recordJoint(new Tensor[] {h, c}, "lstmCell", grads -> {
            Tensor dh = gradOrZeros(grads[0], h);
            Tensor dc = gradOrZeros(grads[1], c);
            Tensor dGates = Tensor.empty(cp.backend(), cp.dtype(), gc.shape());
            Tensor dcPrev = Tensor.empty(cp.backend(), cp.dtype(), state);
            cp.backend().lstmCellBackward(dh.view(), dc.view(), saved.view(), cp.view(), c.view(), dGates.view(),
                    dcPrev.view());
            return new Tensor[] {dGates, dcPrev};
        }, gc, cp);
        return new LstmStep(h, c);
    }

    /**
     * One GRU step (PyTorch's formulation) from {@code xGates = x·Wxᵀ + bx} and
     * {@code hGates = hPrev·Whᵀ + bh}, each {@code [B, 3H]} in the order r, z, n, and {@code hPrev [B, H]}:
     * {@code n = tanh(xn + σ(xr + hr)·hn)}, {@code z = σ(xz + hz)}, {@code h = (1 − z)·n + z·hPrev}.
     * Differentiable with respect to all three inputs.
     */
    public static Tensor gruCell(Tensor xGates, Tensor hGates, Tensor hPrev) {
        Shape state = checkCell("gruCell", 3, hPrev, "hPrev", xGates, "xGates");
        checkCell("gruCell", 3, hPrev, "hPrev", hGates, "hGates");
        Tensor xg = xGates.contiguous();
        Tensor hg = hGates.contiguous();
        Tensor hp = hPrev.contiguous();
        Tensor h = Tensor.empty(hp.backend(), hp.dtype(), state);
        Tensor saved = Tensor.empty(hp.backend(), hp.dtype(), xg.shape());
        hp.backend().gruCellForward(xg.view(), hg.view(), hp.view(), h.view(), saved.view());
        return Autograd.record(h, "gruCell", g -> {
            Tensor dxGates = Tensor.empty(hp.backend(), hp.dtype(), xg.shape());
            Tensor dhGates = Tensor.empty(hp.backend(), hp.dtype(), xg.shape());
            Tensor dhPrev = Tensor.empty(hp.backend(), hp.dtype(), state);
            hp.backend().gruCellBackward(g.contiguous().view(), saved.view(), hp.view(), hg.view(), dxGates.view(),
                    dhGates.view(), dhPrev.view());
            return new Tensor[] {dxGates, dhGates, dhPrev};
        }, xg, hg, hp);
    }

    private static Tensor gradOrZeros(Tensor grad, Tensor like) {
        return grad == null ? like.zerosLike() : grad.contiguous();
    }

    /** Checks {@code state [B, H]} and {@code gates [B, count·H]}; returns the state shape. */
    private static Shape checkCell(String op, int count, Tensor state, String stateName, Tensor gates, String gatesName) {
        Elementwise.checkCompatible(op, gates, state);
        Convolution.requireFloating(op, state);
        if (state.rank() != 2 || gates.rank() != 2 || gates.shape().dim(0) != state.shape().dim(0)
                || gates.shape().dim(1) != count * state.shape().dim(1)) {
            throw new IllegalArgumentException(op + ": " + gatesName + " must be [B, " + count + "·H] for " + stateName
                    + " [B, H], got " + gatesName + " " + gates.shape() + " and " + stateName + " " + state.shape());
        }
        return state.shape();
    }
}
