package io.faltung.nn.recurrent;

import io.faltung.nn.Activation;
import java.util.Objects;

/**
 * The Elman recurrent layer, PyTorch's {@code nn.RNN} and Keras' {@code SimpleRNN}:
 * {@code h_t = act(x_t·Wihᵀ + b_ih + h_{t−1}·Whhᵀ + b_hh)} with {@code act} tanh (default) or any
 * other {@link Activation}. Parameters {@code weight_ih_lk [H, in]}, {@code weight_hh_lk [H, H]},
 * {@code bias_ih_lk [H]}, {@code bias_hh_lk [H]}; all options are those of {@link RecurrentLayer}.
 *
 * <pre>{@code
 * new Sequential(new SimpleRNN(32, Activation.RELU), new Dense(8).activation(Activation.RELU), new Dense(1))
 * }</pre>
 *
 * <p>Its gradient through many steps is a product of many Jacobians and vanishes or explodes on
 * long sequences; prefer {@link LSTM} or {@link GRU} there, or clip gradients.
 */
public final class SimpleRNN extends RecurrentLayer<SimpleRNN> {
    private final Activation activation;

    /** {@code units} hidden units with tanh. */
    public SimpleRNN(int units) {
        this(units, Activation.TANH);
    }

    /** {@code units} hidden units with {@code activation}. */
    public SimpleRNN(int units, Activation activation) {
        super(units, new SimpleRnnCell(Objects.requireNonNull(activation, "activation")));
        this.activation = activation;
    }

    /** The activation of the hidden state. */
    public Activation activation() {
        return activation;
    }

    @Override
    String cellOptions() {
        return activation == Activation.TANH ? "" : ", " + activation.name();
    }
}
