package io.faltung.nn.recurrent;

import io.faltung.autograd.NoGrad;
import io.faltung.tensor.Scope;
import io.faltung.tensor.Tensor;

/** The {@link StepStream} of one {@link RecurrentLayer} (its whole stack). */
final class LayerStream implements StepStream {
    private final RecurrentLayer<?> layer;
    private Tensor[][] state;

    LayerStream(RecurrentLayer<?> layer) {
        this.layer = layer;
    }

    @Override
    public Tensor step(Tensor x) {
        int features = layer.inputShape().dim(1);
        if (x.rank() != 2 || x.shape().dim(1) != features) {
            throw new IllegalArgumentException(layer + " streams one step [batch, " + features + "] at a time but gets "
                    + x.shape());
        }
        if (x.dtype() != layer.dtype()) {
            throw new IllegalArgumentException(layer + " has " + layer.dtype() + " parameters but gets a " + x.dtype()
                    + " step");
        }
        if (state != null && state[0][0].shape().dim(0) != x.shape().dim(0)) {
            throw new IllegalArgumentException(layer + " is streaming a batch of " + state[0][0].shape().dim(0)
                    + " sequences but gets a step of " + x.shape().dim(0) + "; reset() first to change the batch size");
        }
        try (Scope scope = Scope.open(); NoGrad off = NoGrad.enter()) {
            Tensor[][] current = state != null ? state : layer.zeroState(x, x.shape().dim(0));
            Tensor[][] next = new Tensor[current.length][];
            Tensor in = x;
            for (int l = 0; l < current.length; l++) {
                next[l] = Recurrence.step(layer.cell(), in, layer.weights(l), current[l]);
                in = next[l][0];
            }
            keep(next);
            return scope.keep(in.detach());
        }
    }

    private void keep(Tensor[][] next) {
        Tensor[][] kept = Scope.unscoped(() -> {
            Tensor[][] out = new Tensor[next.length][];
            for (int l = 0; l < next.length; l++) {
                out[l] = new Tensor[next[l].length];
                for (int i = 0; i < next[l].length; i++) {
                    out[l][i] = next[l][i].detach();
                }
            }
            return out;
        });
        reset();
        state = kept;
    }

    /** The state after the last step, or {@code null} before the first. */
    RecurrentState state() {
        return state == null ? null : RecurrentState.stack(state);
    }

    @Override
    public void reset() {
        if (state != null) {
            for (Tensor[] layerState : state) {
                for (Tensor t : layerState) {
                    t.close();
                }
            }
            state = null;
        }
    }

    @Override
    public void close() {
        reset();
    }

    @Override
    public String toString() {
        return "StepStream(" + layer + ")";
    }
}
