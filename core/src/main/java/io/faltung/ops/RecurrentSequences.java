package io.faltung.ops;

import io.faltung.autograd.Autograd;
import io.faltung.spi.Backend;
import io.faltung.spi.BinaryOp;
import io.faltung.spi.DType;
import io.faltung.spi.GemmSpec;
import io.faltung.spi.ReduceOp;
import io.faltung.spi.View;
import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;

/**
 * Forward and backward of a whole LSTM or GRU layer over a sequence, each as ONE autograd operation
 * composed of the SPI {@code gemm} and the fused cell primitives (no primitive of its own).
 *
 * <p>The input projection of all steps, {@code x·Wihᵀ + b}, is one matrix product over all
 * {@code T·B} rows written straight into a time-major gate buffer {@code [T, B, G·H]} (the biases
 * broadcast into it first, the product accumulated on top); its gradients are likewise single
 * products over all rows. The forward loop adds {@code h·Whhᵀ} step by step into that buffer and
 * runs the cell primitive; the states h (and c) of all steps
 * are kept in buffers {@code [T+1, B, H]} whose slot 0 is the initial state, so that backward finds
 * every step's previous state in place. Backward runs the steps in reverse with one gemm per step
 * (the gradient flowing into the previous h), then computes {@code dWhh} as one product
 * {@code dGatesᵀ · H_prev} over all {@code T·B} rows instead of one per step.
 *
 * <p>Truncated backpropagation through time ({@code truncation = k > 0}): the state entering step
 * {@code t} is cut from the graph when {@code t > 0} and {@code t % k == 0}, as if detached there.
 */
public final class RecurrentSequences {
    private static final GemmSpec PLAIN = GemmSpec.plain();
    private static final GemmSpec ACCUMULATE = PLAIN.accumulate();

    private RecurrentSequences() {
    }

    /**
     * The result of a sweep: every step's h, {@code [T, B, H]} time-major, and, for an LSTM, the
     * last cell state {@code [B, H]} ({@code null} for a GRU). The last h is {@code outputs}' last row.
     */
    public record Sweep(Tensor outputs, Tensor lastCell) {
    }

    /**
     * The input side of a sweep: {@code x [T, B, F]} time-major, {@code wih [G·H, F]} and the biases
     * (each {@code [G·H]}, none or several) added to every step's gates {@code x_t·Wihᵀ}.
     */
    public record Input(Tensor x, Tensor wih, Tensor... biases) {
    }

    /**
     * An LSTM layer: {@code input} (biases {@code b_ih} and {@code b_hh}, or none), {@code whh [4H, H]}
     * (gate order i, f, g, o), initial state {@code h0}, {@code c0 [B, H]}; each step as
     * {@link RecurrentCells#lstmCell} on {@code x_t·Wihᵀ + b + h·Whhᵀ}. Differentiable with respect
     * to every tensor.
     */
    public static Sweep lstm(Input input, Tensor whh, Tensor h0, Tensor c0, int truncation) {
        Dims d = Dims.of("lstmSequence", 4, input, whh, h0, truncation);
        d.checkState(c0, h0, "c0");
        Backend be = d.backend;
        Tensor x = input.x().contiguous();
        Tensor wih = input.wih().contiguous();
        Tensor pre = d.project(x, wih, input.biases());
        Tensor hs = d.sequence(d.steps + 1, d.hidden);
        Tensor cs = d.sequence(d.steps + 1, d.hidden);
        Tensor acts = d.sequence(d.steps, d.width);
        be.copy(h0.view(), at(hs, 0));
        be.copy(c0.view(), at(cs, 0));
        View wt = d.transposed(whh);
        for (int t = 0; t < d.steps; t++) {
            be.gemm(ACCUMULATE, at(hs, t), wt, at(pre, t));
            be.lstmCellForward(at(pre, t), at(cs, t), at(hs, t + 1), at(cs, t + 1), at(acts, t));
        }
        Tensor outputs = d.steps(hs);
        Tensor lastCell = cs.asStrided(h0.shape(), new int[] {d.hidden, 1}, cs.offset() + (long) d.steps * d.rows());
        Autograd.recordJoint(new Tensor[] {outputs, lastCell}, "lstmSequence", grads -> {
            Tensor gOut = grads[0] == null ? null : grads[0].contiguous();
            Tensor dGates = pre; // the pre-activations are dead after forward: their buffer takes the gate gradients
            Tensor dh = d.state();
            View dcIn = d.state().view();
            View dcOut = d.state().view();
            d.startGradient(gOut, dh);
            if (grads[1] == null) {
                be.fill(dcIn, 0);
            } else {
                be.copy(grads[1].view(), dcIn);
            }
            View w = whh.view();
            for (int t = d.steps - 1; t >= 0; t--) {
                be.lstmCellBackward(dh.view(), dcIn, at(acts, t), at(cs, t), at(cs, t + 1), at(dGates, t), dcOut);
                View swap = dcIn;
                dcIn = dcOut;
                dcOut = swap;
                if (t > 0) {
                    d.startGradient(gOut, dh, t - 1);
                    if (d.cut(t)) {
                        be.fill(dcIn, 0);
                    } else {
                        be.gemm(ACCUMULATE, at(dGates, t), w, dh.view());
                    }
                }
            }
            Tensor dh0 = h0.requiresGrad() ? d.state() : null;
            if (dh0 != null) {
                be.gemm(PLAIN, at(dGates, 0), w, dh0.view());
            }
            Tensor dc0 = c0.requiresGrad() ? d.state() : null;
            if (dc0 != null) {
                be.copy(dcIn, dc0.view());
            }
            return d.gradients(x, wih, input.biases(), dGates, d.weightGradient(whh, dGates, hs), dh0, dc0);
        }, d.inputs(x, wih, input.biases(), whh, h0, c0));
        return new Sweep(outputs, lastCell);
    }

    /**
     * A GRU layer (PyTorch's formulation): {@code input} (bias {@code b_ih} or none), {@code whh [3H, H]}
     * (gate order r, z, n), {@code bhh [3H]} or {@code null}, initial state {@code h0 [B, H]}; each step
     * as {@link RecurrentCells#gruCell} with {@code xGates = x_t·Wihᵀ + b_ih} and
     * {@code hGates = h·Whhᵀ + bhh}. Differentiable with respect to every tensor.
     */
    public static Sweep gru(Input input, Tensor whh, Tensor bhh, Tensor h0, int truncation) {
        Dims d = Dims.of("gruSequence", 3, input, whh, h0, truncation);
        if (bhh != null && (bhh.rank() != 1 || bhh.shape().dim(0) != d.width)) {
            throw new IllegalArgumentException("gruSequence: bhh must be [" + d.width + "], got " + bhh.shape());
        }
        Backend be = d.backend;
        Tensor x = input.x().contiguous();
        Tensor wih = input.wih().contiguous();
        Tensor xGates = d.project(x, wih, input.biases());
        Tensor hs = d.sequence(d.steps + 1, d.hidden);
        Tensor hGates = d.sequence(d.steps, d.width);
        Tensor acts = d.sequence(d.steps, d.width);
        be.copy(h0.view(), at(hs, 0));
        if (bhh != null) {
            Elementwise.checkCompatible("gruSequence", h0, bhh);
            be.copy(bhh.broadcastView(hGates.shape()), hGates.view());
        }
        GemmSpec hidden = bhh == null ? PLAIN : ACCUMULATE;
        View wt = d.transposed(whh);
        for (int t = 0; t < d.steps; t++) {
            be.gemm(hidden, at(hs, t), wt, at(hGates, t));
            be.gruCellForward(at(xGates, t), at(hGates, t), at(hs, t), at(hs, t + 1), at(acts, t));
        }
        Tensor outputs = d.steps(hs);
        Autograd.record(outputs, "gruSequence", g -> {
            Tensor gOut = g.contiguous();
            Tensor dxGates = xGates; // the input gates are dead after forward: their buffer takes their gradients
            Tensor dHidden = d.sequence(d.steps, d.width);
            Tensor dh = d.state();
            View dPrev = d.state().view();
            View w = whh.view();
            d.startGradient(gOut, dh);
            for (int t = d.steps - 1; t >= 0; t--) {
                be.gruCellBackward(dh.view(), at(acts, t), at(hs, t), at(hGates, t), at(dxGates, t), at(dHidden, t),
                        dPrev);
                if (t > 0 && d.cut(t)) {
                    d.startGradient(gOut, dh, t - 1);
                } else {
                    be.gemm(ACCUMULATE, at(dHidden, t), w, dPrev);
                    if (t > 0) {
                        be.binary(BinaryOp.ADD, dPrev, at(gOut, t - 1), dh.view());
                    }
                }
            }
            Tensor dh0 = null;
            if (h0.requiresGrad()) {
                dh0 = d.state();
                be.copy(dPrev, dh0.view());
            }
            Tensor dBias = null;
            if (bhh != null && bhh.requiresGrad()) {
                dBias = Tensor.empty(be, d.dtype, Shape.of(1, d.width));
                be.reduce(ReduceOp.SUM, d.span(dHidden, 0, d.steps), new int[] {0}, dBias.view());
                dBias = dBias.reshape(d.width);
            }
            return d.gradients(x, wih, input.biases(), dxGates, d.weightGradient(whh, dHidden, hs), dBias, dh0);
        }, d.inputs(x, wih, input.biases(), whh, bhh, h0));
        return new Sweep(outputs, null);
    }

    /** Step {@code t} of a contiguous sequence buffer {@code [*, B, W]}: a {@code [B, W]} view. */
    private static View at(Tensor seq, int t) {
        int batch = seq.shape().dim(1);
        int width = seq.shape().dim(2);
        return new View(seq.view().buffer(), new int[] {batch, width}, new int[] {width, 1},
                seq.offset() + (long) t * batch * width);
    }

    /** The extents of one sweep, checked, and the buffers and views it needs. */
    private record Dims(String op, Backend backend, DType dtype, int steps, int batch, int hidden,
                        int width, int truncation) {
        static Dims of(String op, int gates, Input input, Tensor whh, Tensor h0, int truncation) {
            Tensor x = input.x();
            Elementwise.checkCompatible(op, x, whh);
            Elementwise.checkCompatible(op, x, h0);
            Elementwise.checkCompatible(op, x, input.wih());
            Convolution.requireFloating(op, h0);
            if (h0.rank() != 2) {
                throw new IllegalArgumentException(op + ": h0 must be [B, H], got " + h0.shape());
            }
            int batch = h0.shape().dim(0);
            int hidden = h0.shape().dim(1);
            int width = gates * hidden;
            Shape s = x.shape();
            if (s.rank() != 3 || s.dim(0) < 1 || s.dim(1) != batch) {
                throw new IllegalArgumentException(op + ": x must be [T ≥ 1, " + batch + ", F] for h0 " + h0.shape()
                        + ", got " + s);
            }
            if (!input.wih().shape().equals(Shape.of(width, s.dim(2)))) {
                throw new IllegalArgumentException(op + ": wih must be [" + width + ", " + s.dim(2) + "] for x " + s
                        + " and h0 " + h0.shape() + ", got " + input.wih().shape());
            }
            for (Tensor b : input.biases()) {
                Elementwise.checkCompatible(op, x, b);
                if (!b.shape().equals(Shape.of(width))) {
                    throw new IllegalArgumentException(op + ": input biases must be [" + width + "], got " + b.shape());
                }
            }
            if (!whh.shape().equals(Shape.of(width, hidden))) {
                throw new IllegalArgumentException(op + ": whh must be [" + width + ", " + hidden + "], got "
                        + whh.shape());
            }
            if (truncation < 0) {
                throw new IllegalArgumentException(op + ": truncation must be ≥ 0 steps, not " + truncation);
            }
            return new Dims(op, h0.backend(), h0.dtype(), s.dim(0), batch, hidden, width, truncation);
        }

        /** {@code Σ biases + x·Wihᵀ} for all steps at once, into a fresh {@code [T, B, G·H]} buffer. */
        Tensor project(Tensor x, Tensor wih, Tensor[] biases) {
            Tensor gates = sequence(steps, width);
            if (biases.length > 0) {
                Tensor sum = biases[0];
                for (int k = 1; k < biases.length; k++) {
                    Tensor next = Tensor.empty(backend, dtype, sum.shape());
                    backend.binary(BinaryOp.ADD, sum.view(), biases[k].view(), next.view());
                    sum = next;
                }
                backend.copy(sum.broadcastView(gates.shape()), gates.view());
            }
            GemmSpec spec = new GemmSpec(false, true, 1, biases.length > 0 ? 1 : 0);
            backend.gemm(spec, span(x, 0, steps), wih.view(), span(gates, 0, steps));
            return gates;
        }

        /** The inputs of the recorded operation: x, wih, the biases, then {@code rest}. */
        Tensor[] inputs(Tensor x, Tensor wih, Tensor[] biases, Tensor... rest) {
            Tensor[] all = new Tensor[2 + biases.length + rest.length];
            all[0] = x;
            all[1] = wih;
            System.arraycopy(biases, 0, all, 2, biases.length);
            System.arraycopy(rest, 0, all, 2 + biases.length, rest.length);
            return all;
        }

        /**
         * The gradients in the order of {@link #inputs}: those of x, wih and the biases from the gate
         * gradients {@code dGates [T, B, G·H]} of the projection (one product each over all rows, one
         * row sum for every bias), then {@code rest}.
         */
        Tensor[] gradients(Tensor x, Tensor wih, Tensor[] biases, Tensor dGates, Tensor... rest) {
            Tensor[] all = inputs(null, null, new Tensor[biases.length], rest);
            View rows = span(dGates, 0, steps);
            if (x.requiresGrad()) {
                all[0] = Tensor.empty(backend, dtype, x.shape());
                backend.gemm(PLAIN, rows, wih.view(), span(all[0], 0, steps));
            }
            if (wih.requiresGrad()) {
                all[1] = Tensor.empty(backend, dtype, wih.shape());
                backend.gemm(GemmSpec.of(true, false), rows, span(x, 0, steps), all[1].view());
            }
            Tensor db = null;
            for (int k = 0; k < biases.length; k++) {
                if (biases[k].requiresGrad()) {
                    if (db == null) {
                        db = Tensor.empty(backend, dtype, Shape.of(1, width));
                        backend.reduce(ReduceOp.SUM, rows, new int[] {0}, db.view());
                        all[2 + k] = db.reshape(width);
                    } else {
                        Tensor copy = Tensor.empty(backend, dtype, db.shape());
                        backend.copy(db.view(), copy.view());
                        all[2 + k] = copy.reshape(width);
                    }
                }
            }
            return all;
        }

        void checkState(Tensor state, Tensor h0, String name) {
            Elementwise.checkCompatible(op, state, h0);
            if (!state.shape().equals(Shape.of(batch, hidden))) {
                throw new IllegalArgumentException(op + ": " + name + " must be [" + batch + ", " + hidden + "], got "
                        + state.shape());
            }
        }

        int rows() {
            return batch * hidden;
        }

        Tensor sequence(int length, int columns) {
            return Tensor.empty(backend, dtype, Shape.of(length, batch, columns));
        }

        Tensor state() {
            return Tensor.empty(backend, dtype, Shape.of(batch, hidden));
        }

        /** Steps 1..T of a state buffer {@code [T+1, B, H]}: the outputs. */
        Tensor steps(Tensor states) {
            return states.asStrided(Shape.of(steps, batch, hidden), new int[] {rows(), hidden, 1},
                    states.offset() + rows());
        }

        /** Steps {@code [t0, t0+count)} of a contiguous sequence buffer as rows {@code [count·B, W]}. */
        View span(Tensor seq, int t0, int count) {
            int w = seq.shape().dim(2);
            return new View(seq.view().buffer(), new int[] {count * batch, w}, new int[] {w, 1},
                    seq.offset() + (long) t0 * batch * w);
        }

        /** {@code whhᵀ [H, G·H]} as a row-major copy: the GEMM packs it each step, fastest from rows. */
        View transposed(Tensor whh) {
            View w = whh.view();
            Tensor out = Tensor.empty(backend, dtype, Shape.of(hidden, width));
            backend.copy(new View(w.buffer(), new int[] {hidden, width}, new int[] {w.strides()[1], w.strides()[0]},
                    w.offset()), out.view());
            return out.view();
        }

        boolean cut(int t) {
            return truncation > 0 && t % truncation == 0;
        }

        /** {@code dh} := the output gradient of the last step (zeros without one). */
        void startGradient(Tensor gOut, Tensor dh) {
            startGradient(gOut, dh, steps - 1);
        }

        /** {@code dh} := the output gradient of step {@code t} (zeros without one). */
        void startGradient(Tensor gOut, Tensor dh, int t) {
            if (gOut == null) {
                backend.fill(dh.view(), 0);
            } else {
                backend.copy(at(gOut, t), dh.view());
            }
        }

        /** {@code dWhh = dGatesᵀ · H_prev} over all steps, or {@code null} if whh needs no gradient. */
        Tensor weightGradient(Tensor whh, Tensor dGates, Tensor states) {
            if (!whh.requiresGrad()) {
                return null;
            }
            Tensor dw = Tensor.empty(backend, dtype, whh.shape());
            backend.gemm(GemmSpec.of(true, false), span(dGates, 0, steps), span(states, 0, steps), dw.view());
            return dw;
        }
    }
}
