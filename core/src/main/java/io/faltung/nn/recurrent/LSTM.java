package io.faltung.nn.recurrent;

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
    /** {@code units} hidden units. */
    public LSTM(int units) {
        super(units, LstmCell.INSTANCE);
    }
}
