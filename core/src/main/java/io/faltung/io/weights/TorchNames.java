package io.faltung.io.weights;

import io.faltung.nn.Activation;
import io.faltung.nn.ConvLayer;
import io.faltung.nn.Dense;
import io.faltung.nn.Layer;
import io.faltung.nn.Sequential;
import io.faltung.nn.recurrent.RecurrentLayer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The names PyTorch's {@code state_dict} gives the parameters of the equivalent
 * {@code torch.nn.Sequential}.
 *
 * <p>The equivalent model has one module per Faltung layer, in order, plus one activation module
 * after each layer with a fused non-identity activation ({@code Dense(4).activation(RELU)} is
 * {@code Linear(in, 4), ReLU()}); modules are numbered from 0, so {@code Sequential(Dense(4, relu),
 * Dense(3))} has {@code dense_1.weight → 0.weight}, {@code dense_2.weight → 2.weight}. Nested
 * Sequentials nest their numbers ({@code 1.0.weight}). Layouts need no conversion:
 * {@link Dense}'s {@code weight} is {@code [out, in]} and {@code bias} {@code [out]}, exactly
 * {@code nn.Linear}'s, and the recurrent layers use {@code nn.LSTM}/{@code nn.GRU}/{@code nn.RNN}'s
 * names, shapes and gate order.
 *
 * <table>
 *   <caption>Layer mapping</caption>
 *   <tr><th>Faltung</th><th>PyTorch modules</th><th>parameters</th></tr>
 *   <tr><td>{@code Sequential}</td><td>{@code Sequential} (one module, numbered inside)</td><td>nested</td></tr>
 *   <tr><td>{@code Dense(n)}</td><td>{@code Linear(in, n)}</td><td>{@code weight [n, in]}, {@code bias [n]}</td></tr>
 *   <tr><td>{@code Dense(n).activation(a)}</td><td>{@code Linear(in, n)}, activation module</td><td>as above</td></tr>
 *   <tr><td>{@code Conv1D(k, s)}, {@code Conv2D(k, r, s)} (any fused activation counts as one more module)</td>
 *   <td>{@code Conv1d(in, k, s)}, {@code Conv2d(in, k, (r, s))} with the same stride, dilation and groups;
 *   symmetric padding is Conv's {@code padding}, asymmetric padding ({@code same} with even kernels,
 *   {@code causal}) is an {@code F.pad} before it, which adds no module</td>
 *   <td>{@code weight [k, in/groups, (r,) s]}, {@code bias [k]}</td></tr>
 *   <tr><td>{@code LSTM(h)}, {@code GRU(h)}, {@code SimpleRNN(h)} (with {@code layers(n)})</td>
 *   <td>{@code LSTM(in, h, num_layers=n, batch_first=True)}, {@code GRU(…)}, {@code RNN(…)}</td>
 *   <td>{@code weight_ih_lk [G·h, in]}, {@code weight_hh_lk [G·h, h]}, {@code bias_ih_lk},
 *   {@code bias_hh_lk}; gate blocks i, f, g, o (LSTM), r, z, n (GRU)</td></tr>
 *   <tr><td>{@code ActivationLayer}, {@code Dropout}, {@code Flatten} (any layer without
 *   parameters)</td><td>one module ({@code ReLU}, {@code Dropout}, {@code Flatten}, …)</td><td>none</td></tr>
 * </table>
 */
public final class TorchNames {
    private TorchNames() {
    }

    /**
     * Faltung parameter name → PyTorch {@code state_dict} key, for every parameter of {@code model}.
     *
     * @throws IllegalArgumentException if a layer with parameters has no known PyTorch equivalent
     */
    public static Map<String, String> of(Sequential model) {
        Map<String, String> names = new LinkedHashMap<>();
        add(model, "", "", names);
        return names;
    }

    private static void add(Sequential model, String faltungPrefix, String torchPrefix, Map<String, String> names) {
        int index = 0;
        for (Layer layer : model.layers()) {
            String faltung = faltungPrefix + layer.name() + ".";
            String torch = torchPrefix + index + ".";
            if (layer instanceof Sequential nested) {
                add(nested, faltung, torch, names);
                index++;
            } else if (layer instanceof Dense dense) {
                layer.parameters().keySet().forEach(local -> names.put(faltung + local, torch + local));
                index += dense.activation() == Activation.IDENTITY ? 1 : 2;
            } else if (layer instanceof ConvLayer<?> conv) {
                layer.parameters().keySet().forEach(local -> names.put(faltung + local, torch + local));
                index += conv.activation() == Activation.IDENTITY ? 1 : 2;
            } else if (layer instanceof RecurrentLayer<?>) {
                layer.parameters().keySet().forEach(local -> names.put(faltung + local, torch + local));
                index++;
            } else if (layer.parameters().isEmpty()) {
                index++;
            } else {
                throw new IllegalArgumentException("no PyTorch equivalent is known for " + layer.name() + " " + layer
                        + "; pass its parameter names explicitly");
            }
        }
    }
}
