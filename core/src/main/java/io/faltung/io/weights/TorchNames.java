package io.faltung.io.weights;

import io.faltung.nn.Activation;
import io.faltung.nn.BatchNormalization;
import io.faltung.nn.ConvLayer;
import io.faltung.nn.Dense;
import io.faltung.nn.GlobalAveragePooling;
import io.faltung.nn.Layer;
import io.faltung.nn.Sequential;
import io.faltung.nn.recurrent.RecurrentLayer;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The names PyTorch's {@code state_dict} gives the parameters and buffers of the equivalent
 * {@code torch.nn.Sequential}.
 *
 * <p>The equivalent model has one module per Faltung layer, in order, plus one activation module
 * after each layer with a fused non-identity activation ({@code Dense(4).activation(RELU)} is
 * {@code Linear(in, 4), ReLU()}); modules are numbered from 0, so {@code Sequential(Dense(4, relu),
 * Dense(3))} has {@code dense_1.weight → 0.weight}, {@code dense_2.weight → 2.weight}. Nested
 * Sequentials nest their numbers ({@code 1.0.weight}). Layouts need no conversion:
 * {@link Dense}'s {@code weight} is {@code [out, in]} and {@code bias} {@code [out]}, exactly
 * {@code nn.Linear}'s; the convolutions' {@code weight} is {@code [out, in/groups, …kernel]}, exactly
 * {@code nn.Conv1d}/{@code nn.Conv2d}'s (both compute cross-correlation); batch normalisation uses
 * {@code nn.BatchNorm1d}/{@code 2d}'s parameter and buffer names; and the recurrent layers use
 * {@code nn.LSTM}/{@code nn.GRU}/{@code nn.RNN}'s names, shapes and gate order.
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
 *   <tr><td>{@code BatchNormalization()} on {@code [F]}, {@code [C, L]} or {@code [C, H, W]}</td>
 *   <td>{@code BatchNorm1d(F)}, {@code BatchNorm1d(C)}, {@code BatchNorm2d(C)} (same ε and momentum,
 *   {@code affine} alike)</td>
 *   <td>{@code weight [C]}, {@code bias [C]} (when affine), buffers {@code running_mean [C]},
 *   {@code running_var [C]}, {@code num_batches_tracked []} (INT32 here, int64 in PyTorch:
 *   {@code load_state_dict} converts it, and Faltung reads PyTorch's I64 when it fits 32 bits)</td></tr>
 *   <tr><td>{@code GlobalAveragePooling1D()}, {@code GlobalAveragePooling2D()}</td>
 *   <td>{@code AdaptiveAvgPool1d(1)} or {@code AdaptiveAvgPool2d(1)}, then {@code Flatten()}</td>
 *   <td>none</td></tr>
 *   <tr><td>{@code ActivationLayer}, {@code Dropout}, {@code Flatten}, {@code Reshape}, pooling (any
 *   other layer without parameters or buffers)</td><td>one module ({@code ReLU}, {@code Dropout},
 *   {@code Flatten}, {@code Unflatten}, {@code MaxPool2d}, …)</td><td>none</td></tr>
 * </table>
 */
public final class TorchNames {
    private TorchNames() {
    }

    /**
     * Faltung name → PyTorch {@code state_dict} key, for every parameter and buffer of {@code model}.
     *
     * @throws IllegalArgumentException if a layer with parameters or buffers has no known PyTorch equivalent
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
                continue;
            }
            Set<String> state = new LinkedHashSet<>(layer.parameters().keySet());
            state.addAll(layer.buffers().keySet());
            if (layer instanceof Dense || layer instanceof ConvLayer<?> || layer instanceof RecurrentLayer<?>
                    || layer instanceof BatchNormalization || state.isEmpty()) {
                state.forEach(local -> names.put(faltung + local, torch + local));
                index += modules(layer);
            } else {
                throw new IllegalArgumentException("no PyTorch equivalent is known for " + layer.name() + " " + layer
                        + "; pass its parameter names explicitly");
            }
        }
    }

    /**
     * The number of PyTorch modules a layer stands for: two with a fused non-identity activation,
     * two for global pooling ({@code AdaptiveAvgPool2d(1), Flatten()}), else one.
     */
    private static int modules(Layer layer) {
        if (layer instanceof GlobalAveragePooling) {
            return 2;
        }
        Activation fused = layer instanceof Dense dense ? dense.activation()
                : layer instanceof ConvLayer<?> conv ? conv.activation() : Activation.IDENTITY;
        return fused == Activation.IDENTITY ? 1 : 2;
    }
}
