package io.faltung.io.weights;

import io.faltung.autograd.NoGrad;
import io.faltung.io.safetensors.HostTensor;
import io.faltung.io.safetensors.SafetensorsFile;
import io.faltung.io.safetensors.SafetensorsWriter;
import io.faltung.nn.Layer;
import io.faltung.tensor.Scope;
import io.faltung.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's state — its parameters and its buffers ({@link Layer#buffers()}, e.g. batch
 * normalisation's running statistics) — as named host tensors (a {@code state_dict}) and as
 * safetensors files. Names are the model's own ({@code dense_1.weight}, see
 * {@link Layer#parameters()}); with a renaming such as {@link TorchNames#of} they become PyTorch's
 * ({@code 0.weight}).
 *
 * <p>Loading checks everything before changing anything: every parameter and buffer must be
 * present with its exact shape and dtype, and nothing else may be in the file. Values are copied
 * bit for bit.
 */
public final class Weights {
    private Weights() {
    }

    /** Host copies of {@code model}'s parameters and buffers under its own names, parameters first. */
    public static Map<String, HostTensor> of(Layer model) {
        return of(model, Map.of());
    }

    /** Host copies of {@code model}'s parameters and buffers, each renamed by {@code names} where it has an entry. */
    public static Map<String, HostTensor> of(Layer model, Map<String, String> names) {
        Map<String, HostTensor> out = new LinkedHashMap<>();
        state(model).forEach((name, t) -> out.put(names.getOrDefault(name, name), HostTensor.of(t)));
        return out;
    }

    /** The parameters, then the buffers, of {@code model} by name: everything a saved model holds. */
    public static Map<String, Tensor> state(Layer model) {
        Map<String, Tensor> all = new LinkedHashMap<>(model.parameters());
        model.buffers().forEach((name, t) -> {
            if (all.putIfAbsent(name, t) != null) {
                throw new IllegalStateException(model + " has a parameter and a buffer both named '" + name + "'");
            }
        });
        return all;
    }

    /** Writes {@code model}'s parameters and buffers to {@code file} (atomically), renamed by {@code names}. */
    public static void save(Layer model, Path file, Map<String, String> names, Map<String, String> metadata)
            throws IOException {
        SafetensorsWriter.write(file, of(model, names), metadata);
    }

    /**
     * Reads {@code file} and loads it into {@code model}, whose parameter or buffer {@code n} is
     * stored as {@code names.get(n)}.
     */
    public static void load(Layer model, Path file, Map<String, String> names) throws IOException {
        Map<String, HostTensor> values;
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            values = f.readAll();
        }
        load(model, values, names, file.toString());
    }

    /**
     * Copies {@code values} into {@code model}'s parameters and buffers; parameter or buffer
     * {@code n} is looked up as {@code names.get(n)} (or {@code n} if absent). {@code source} names
     * the values in errors.
     *
     * @throws IllegalArgumentException naming every missing or unexpected tensor, or the first
     *     shape or dtype mismatch; the model is unchanged then
     */
    public static void load(Layer model, Map<String, HostTensor> values, Map<String, String> names, String source) {
        Map<String, Tensor> parameters = state(model);
        List<String> missing = new ArrayList<>();
        Map<String, HostTensor> unexpected = new LinkedHashMap<>(values);
        for (Map.Entry<String, Tensor> e : parameters.entrySet()) {
            String stored = names.getOrDefault(e.getKey(), e.getKey());
            HostTensor v = unexpected.remove(stored);
            if (v == null) {
                missing.add(stored.equals(e.getKey()) ? stored : stored + " (" + e.getKey() + ")");
                continue;
            }
            Tensor p = e.getValue();
            if (!v.shape().equals(p.shape()) || v.dtype() != p.dtype()) {
                throw new IllegalArgumentException(source + ": '" + stored + "' is " + v.dtype() + " " + v.shape()
                        + " but " + (model.buffers().containsKey(e.getKey()) ? "buffer" : "parameter") + " '"
                        + e.getKey() + "' of " + model + " is " + p.dtype() + " " + p.shape());
            }
        }
        if (!missing.isEmpty() || !unexpected.isEmpty()) {
            throw new IllegalArgumentException(source + " does not match " + model + ":"
                    + (missing.isEmpty() ? "" : " missing " + missing)
                    + (unexpected.isEmpty() ? "" : " unexpected " + List.copyOf(unexpected.keySet())));
        }
        try (Scope scope = Scope.open(); NoGrad ignored = NoGrad.enter()) {
            parameters.forEach((name, p) -> p.assign(values.get(names.getOrDefault(name, name)).toTensorLike(p)));
        }
    }
}
