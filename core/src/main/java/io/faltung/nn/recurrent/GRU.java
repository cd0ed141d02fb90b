package io.faltung.nn.recurrent;

/**
 * Gated recurrent unit (Cho et al. 2014) in PyTorch's formulation:
 * <pre>
 *   r = σ(x·W_irᵀ + b_ir + h·W_hrᵀ + b_hr)
 *   z = σ(x·W_izᵀ + b_iz + h·W_hzᵀ + b_hz)
 *   n = tanh(x·W_inᵀ + b_in + r·(h·W_hnᵀ + b_hn))
 *   h' = (1 − z)·n + z·h
 * </pre>
 * Parameters {@code weight_ih_lk [3H, in]}, {@code weight_hh_lk [3H, H]}, {@code bias_ih_lk [3H]},
 * {@code bias_hh_lk [3H]}, the three gate blocks stacked in the order r, z, n — the layout of
 * {@code torch.nn.GRU} (Keras' {@code reset_after=True}). All options are those of
 * {@link RecurrentLayer}.
 */
public final class GRU extends RecurrentLayer<GRU> {
    /** {@code units} hidden units. */
    public GRU(int units) {
        super(units, GruCell.INSTANCE);
    }
}
