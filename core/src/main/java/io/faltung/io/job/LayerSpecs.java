package io.faltung.io.job;

import com.google.gson.JsonArray;
import io.faltung.io.InvalidFormatException;
import io.faltung.io.JsonFields;
import io.faltung.nn.Activation;
import io.faltung.nn.ActivationLayer;
import io.faltung.nn.Dense;
import io.faltung.nn.Dropout;
import io.faltung.nn.Flatten;
import io.faltung.nn.IncompatibleInputException;
import io.faltung.nn.Layer;
import io.faltung.nn.Reshape;
import io.faltung.tensor.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The {@code "model"} section of a job file: {@code {"layers": [...]}}, a Sequential of the
 * existing layers, each an object with a {@code "type"}:
 * <ul>
 *   <li>{@code {"type": "dense", "units": 64, "activation": "relu", "bias": true}}</li>
 *   <li>{@code {"type": "dropout", "rate": 0.2}}</li>
 *   <li>{@code {"type": "flatten"}}</li>
 *   <li>{@code {"type": "reshape", "shape": [28, 28]}} (per sample; one entry may be −1)</li>
 *   <li>{@code {"type": "activation", "activation": "tanh"}}</li>
 *   <li>convolution, pooling and batch normalisation: see {@link WindowSpecs}</li>
 *   <li>{@code lstm}, {@code gru}, {@code simple_rnn}: see {@link RecurrentSpecs}</li>
 * </ul>
 * Activations: {@code identity, relu, sigmoid, tanh, softmax}. {@link #checkShapes} checks the
 * layers against the data's sample shape when the job is parsed.
 */
final class LayerSpecs {
    static final int MAX_LAYERS = 1000;
    static final int MAX_UNITS = 1 << 20;
    /** The largest extent of a sample's axis between two layers. */
    static final int MAX_EXTENT = 1 << 24;
    private static final Map<String, Activation> ACTIVATIONS = Map.of("identity", Activation.IDENTITY,
            "relu", Activation.RELU, "sigmoid", Activation.SIGMOID, "tanh", Activation.TANH, "softmax", Activation.SOFTMAX);
    private static final List<String> TYPES = List.of("dense", "dropout", "flatten", "reshape", "activation", "conv1d",
            "conv2d", "max_pool1d", "max_pool2d", "avg_pool1d", "avg_pool2d", "global_average_pooling1d",
            "global_average_pooling2d", "batch_normalization", "lstm", "gru", "simple_rnn");

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

    /**
     * Checks that each layer accepts the output of the one before, starting from samples shaped
     * {@code input}; an error names the layer's place in {@code model.layers}.
     */
    static void checkShapes(JsonFields model, List<Supplier<Layer>> layers, Shape input) throws InvalidFormatException {
        Shape shape = input;
        String from = "the data";
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i).get();
            String at = "layers[" + i + "]";
            try {
                shape = layer.outputShapeFor(shape);
            } catch (IncompatibleInputException e) {
                throw model.error(at, "does not fit: " + e.from(from).getMessage());
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw model.error(at, layer + " cannot take " + shape + " from " + from + ": " + e.getMessage());
            }
            checkSize(model, at, layer, shape);
            from = "model.layers[" + i + "] " + layer;
        }
    }

    /** Rejects outputs beyond {@link #MAX_EXTENT} per axis or {@code 2^31 − 1} values per sample. */
    private static void checkSize(JsonFields model, String at, Layer layer, Shape shape) throws InvalidFormatException {
        long size = 1;
        for (int d : shape.toArray()) {
            size = d > MAX_EXTENT ? Long.MAX_VALUE : Math.min(size * d, Long.MAX_VALUE / MAX_EXTENT);
        }
        if (size > Integer.MAX_VALUE) {
            throw model.error(at, layer + " would output " + shape + " per sample: more than " + MAX_EXTENT
                    + " per axis or " + Integer.MAX_VALUE + " values in all");
        }
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
                double rate = rate(f, "rate");
                return () -> new Dropout(rate);
            }
            case "flatten" -> {
                f.onlyFields(Set.of("type"));
                return Flatten::new;
            }
            case "reshape" -> {
                f.onlyFields(Set.of("type", "shape"));
                return reshape(f);
            }
            case "activation" -> {
                f.onlyFields(Set.of("type", "activation"));
                Activation activation = activation(f, null);
                return () -> new ActivationLayer(activation);
            }
            case "conv1d", "conv2d" -> {
                return WindowSpecs.conv(f, type.equals("conv1d") ? 1 : 2);
            }
            case "max_pool1d", "max_pool2d", "avg_pool1d", "avg_pool2d" -> {
                return WindowSpecs.pool(f, type.startsWith("max"), type.endsWith("1d") ? 1 : 2);
            }
            case "global_average_pooling1d", "global_average_pooling2d" -> {
                return WindowSpecs.globalPooling(f, type.endsWith("1d") ? 1 : 2);
            }
            case "batch_normalization" -> {
                return WindowSpecs.batchNormalization(f);
            }
            case "lstm", "gru", "simple_rnn" -> {
                return RecurrentSpecs.recurrent(f, type);
            }
            default -> throw f.error("type", "\"" + type + "\" is not a layer type (" + String.join(", ", TYPES) + ")");
        }
    }

    private static Supplier<Layer> reshape(JsonFields f) throws InvalidFormatException {
        JsonArray a = f.array("shape");
        if (a.isEmpty() || a.size() > 8) {
            throw f.error("shape", "must list 1 to 8 dimensions of a sample, not " + a.size());
        }
        int[] dims = f.integers("shape", a.size(), -1, MAX_UNITS);
        int inferred = 0;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] == 0) {
                throw f.error("shape[" + i + "]", "must be positive or -1 (inferred), not 0");
            }
            inferred += dims[i] == -1 ? 1 : 0;
        }
        if (inferred > 1) {
            throw f.error("shape", "may have one -1 (inferred) dimension, not " + inferred);
        }
        long size = 1;
        for (int d : dims) {
            size *= Math.abs(d);
            if (size > Integer.MAX_VALUE) {
                throw f.error("shape", "holds more than " + Integer.MAX_VALUE + " values per sample");
            }
        }
        return () -> new Reshape(dims);
    }

    /** A probability in {@code [0, 1)}. */
    static double rate(JsonFields f, String name) throws InvalidFormatException {
        double rate = f.number(name);
        if (!(rate >= 0 && rate < 1)) {
            throw f.error(name, "must be in [0, 1), not " + rate);
        }
        return rate;
    }

    /** Field {@code activation}, required when {@code fallback} is {@code null}. */
    static Activation activation(JsonFields f, String fallback) throws InvalidFormatException {
        String name = fallback == null ? f.string("activation") : f.string("activation", fallback);
        Activation a = ACTIVATIONS.get(name);
        if (a == null) {
            throw f.error("activation", "\"" + name + "\" is not one of " + new TreeSet<>(ACTIVATIONS.keySet()));
        }
        return a;
    }
}
