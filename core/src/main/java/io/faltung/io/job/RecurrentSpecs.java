package io.faltung.io.job;

import io.faltung.io.InvalidFormatException;
import io.faltung.io.JsonFields;
import io.faltung.nn.Activation;
import io.faltung.nn.Layer;
import io.faltung.nn.recurrent.GRU;
import io.faltung.nn.recurrent.LSTM;
import io.faltung.nn.recurrent.RecurrentLayer;
import io.faltung.nn.recurrent.SimpleRNN;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The recurrent layers of a job file, over sequences {@code [time, features]} per sample (a
 * {@code reshape} layer turns other data into sequences, e.g. MNIST images {@code [1, 28, 28]}
 * into 28 steps of 28 values):
 * <pre>{@code
 * {"type": "lstm", "units": 64, "return_sequences": false, "layers": 2, "dropout": 0.1,
 *  "bias": true, "truncate": 0, "forget_bias": 1.0}
 * }</pre>
 * {@code gru} takes the same fields but {@code forget_bias}; {@code simple_rnn} takes an
 * {@code activation} (default {@code tanh}) instead. {@code layers} stacks layers with
 * {@code dropout} between them (PyTorch's {@code num_layers}, {@code dropout}); {@code truncate}
 * cuts backpropagation through time every so many steps (0: never). Stateful layers are not
 * offered: jobs shuffle their data, so no batch continues the one before.
 */
final class RecurrentSpecs {
    /** The deepest stack accepted. */
    static final int MAX_STACK = 100;

    private RecurrentSpecs() {
    }

    static Supplier<Layer> recurrent(JsonFields f, String type) throws InvalidFormatException {
        Set<String> fields = new HashSet<>(Set.of("type", "units", "return_sequences", "layers", "dropout", "bias",
                "truncate"));
        if (type.equals("lstm")) {
            fields.add("forget_bias");
        } else if (type.equals("simple_rnn")) {
            fields.add("activation");
        }
        f.onlyFields(fields);
        int units = (int) f.integer("units", 1, LayerSpecs.MAX_UNITS);
        boolean sequences = f.bool("return_sequences", false);
        int depth = (int) f.integer("layers", 1, MAX_STACK, 1);
        double dropout = f.has("dropout") ? LayerSpecs.rate(f, "dropout") : 0;
        if (dropout > 0 && depth == 1) {
            throw f.error("dropout", "acts between stacked layers; with \"layers\": 1 it would do nothing (use a"
                    + " dropout layer after this one, or stack layers)");
        }
        boolean bias = f.bool("bias", true);
        int truncate = (int) f.integer("truncate", 0, Integer.MAX_VALUE, 0);
        Activation activation = type.equals("simple_rnn") ? LayerSpecs.activation(f, "tanh") : null;
        Double forgetBias = f.has("forget_bias") ? f.number("forget_bias") : null;
        return () -> {
            RecurrentLayer<?> layer = switch (type) {
                case "lstm" -> forgetBias == null ? new LSTM(units) : new LSTM(units).forgetBias(forgetBias);
                case "gru" -> new GRU(units);
                default -> new SimpleRNN(units, activation);
            };
            return layer.returnSequences(sequences).layers(depth).dropout(dropout).bias(bias).truncate(truncate);
        };
    }
}
