package io.faltung.nn.recurrent;

import io.faltung.autograd.NoGrad;
import io.faltung.tensor.RandomStream;
import io.faltung.tensor.Scope;
import io.faltung.tensor.Shape;

/**
 * Long short-term memory (Hochreiter &amp; Schmidhuber 1997) in PyTorch's formulation:
 * <pre>
 *   [i, f, g, o] = x_t·Wihᵀ + b_ih + h_{t−1}·Whhᵀ + b_hh
 *   c_t = σ(f)·c_{t−1} + σ(i)·tanh(g)
 *   h_t = σ(o)·tanh(c_t)
 * </pre>
 * Parameters {@code weight_ih_lk [4H, in]}, {@code weight_hh_lk [4H, H]}, {@code bias_ih_lk [4H]},
 * {@code bias_hh_lk [4H]}, the four gate blocks stacked in the order i, f, g, o — the layout of
 * {@code torch.nn.LSTM}, so weights move between the two unchanged. The state is (h, c); the cell
 * arithmetic is one fused primitive per step. The additive cell update lets gradients survive many
 * steps where a {@link SimpleRNN}'s vanish. All options are those of {@link RecurrentLayer}.
 */
public final class LSTM extends RecurrentLayer<LSTM> {
    private Double forgetBias;

    /** {@code units} hidden units. */
    public LSTM(int units) {
        super(units, LstmCell.INSTANCE);
    }

    /**
     * Starts the forget gates at {@code value}: the f block of {@code bias_ih_lk} is set to it and
     * that of {@code bias_hh_lk} to 0, so σ(f) starts near σ(value) and the cell state is kept
     * across many steps from the start (Keras' {@code unit_forget_bias} is 1; Jozefowicz et al.
     * 2015). By default the forget biases are drawn like every other bias. Returns {@code this}.
     */
    public LSTM forgetBias(double value) {
        if (isBuilt()) {
            throw new IllegalStateException(this + " is already built; configure it before build()");
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(this + ": the forget bias must be finite, not " + value);
        }
        forgetBias = value;
        return this;
    }

    @Override
    protected void createParameters(Shape input, RandomStream init) {
        super.createParameters(input, init);
        if (forgetBias == null || !parameters().containsKey("bias_ih_l0")) {
            return;
        }
        int h = units();
        try (Scope scope = Scope.open(); NoGrad off = NoGrad.enter()) {
            for (int l = 0; l < depth(); l++) {
                parameter("bias_ih_l" + l).slice(0, h, 2 * h).fill(forgetBias);
                parameter("bias_hh_l" + l).slice(0, h, 2 * h).fill(0);
            }
        }
    }

    @Override
    String cellOptions() {
        return forgetBias == null ? "" : ", forget_bias=" + forgetBias;
    }
}
