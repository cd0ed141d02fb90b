package io.faltung.io.job;

import com.google.gson.JsonArray;
import io.faltung.io.InvalidFormatException;
import io.faltung.io.JsonFields;
import io.faltung.nn.Activation;
import io.faltung.nn.ActivationLayer;
import io.faltung.nn.Dense;
import io.faltung.nn.Dropout;
import io.faltung.nn.Flatten;
import io.faltung.nn.Layer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The {@code "model"} section of a job file: {@code {"layers": [...]}}, a Sequential of the
 * existing layers, each an object with a {@code "type"}:
 * <ul>
 *   <li>{@code {"type": "dense", "units": 64, "activation": "relu", "bias": true}}</li>
 *   <li>{@code {"type": "dropout", "rate": 0.2}}</li>
 *   <li>{@code {"type": "flatten"}}</li>
 *   <li>{@code {"type": "activation", "activation": "tanh"}}</li>
 * </ul>
 * Activations: {@code identity, relu, sigmoid, tanh, softmax}.
 */
final class LayerSpecs {
    static final int MAX_LAYERS = 1000;
    static final int MAX_UNITS = 1 << 20;
    private static final Map<String, Activation> ACTIVATIONS = Map.of("identity", Activation.IDENTITY,
            "relu", Activation.RELU, "sigmoid", Activation.SIGMOID, "tanh", Activation.TANH, "softmax", Activation.SOFTMAX);

    private LayerSpecs() {
    }

    /** Factories for the layers listed in {@code model}, checked completely. */
    static List<Supplier<Layer>> parse(JsonFields model) throws InvalidFormatException {
        model.onlyFields(Set.of("layers"));
        JsonArray layers = model.array("layers");
        if (layers.isEmpty() || layers.size() > MAX_LAYERS) {
            throw model.error("layers", "must list 1 to " + MAX_LAYERS + " layers, not " + layers.size());
        }
        List<Supplier<Layer>> factories = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            factories.add(layer(model.element("layers", i, layers.get(i))));
        }
        return factories;
    }

    private static Supplier<Layer> layer(JsonFields f) throws InvalidFormatException {
        String type = f.string("type");
        switch (type) {
            case "dense" -> {
                f.onlyFields(Set.of("type", "units", "activation", "bias"));
                int units = (int) f.integer("units", 1, MAX_UNITS);
                Activation activation = activation(f, "identity");
                boolean bias = f.bool("bias", true);
                return () -> new Dense(units).activation(activation).bias(bias);
            }
            case "dropout" -> {
                f.onlyFields(Set.of("type", "rate"));
                double rate = f.number("rate");
                if (!(rate >= 0 && rate < 1)) {
                    throw f.error("rate", "must be in [0, 1), not " + rate);
                }
                return () -> new Dropout(rate);
            }
            case "flatten" -> {
                f.onlyFields(Set.of("type"));
                return Flatten::new;
            }
            case "activation" -> {
                f.onlyFields(Set.of("type", "activation"));
                Activation activation = activation(f, null);
                return () -> new ActivationLayer(activation);
            }
            default -> throw f.error("type", "\"" + type + "\" is not a layer type (dense, dropout, flatten, activation)");
        }
    }

    private static Activation activation(JsonFields f, String fallback) throws InvalidFormatException {
        String name = fallback == null ? f.string("activation") : f.string("activation", fallback);
        Activation a = ACTIVATIONS.get(name);
        if (a == null) {
            throw f.error("activation", "\"" + name + "\" is not one of " + new java.util.TreeSet<>(ACTIVATIONS.keySet()));
        }
        return a;
    }
}
