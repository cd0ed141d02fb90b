package io.faltung.examples;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.reflect.TypeToken;
import io.faltung.nn.Layer;
import io.faltung.tensor.Tensor;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model's parameters in a small JSON file, {@code {"name": {"shape": [...], "values": [...]}}},
 * until the safetensors writer arrives in {@code io.faltung.io}. Loading checks names and shapes.
 */
final class WeightsFile {
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    private record Entry(int[] shape, float[] values) {
    }

    private WeightsFile() {
    }

    /** Writes every parameter of {@code model} to {@code file}. */
    static void save(Layer model, Path file) throws IOException {
        Map<String, Entry> entries = new LinkedHashMap<>();
        model.parameters().forEach((name, t) -> entries.put(name, new Entry(t.shape().toArray(), t.toFloatArray())));
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            GSON.toJson(entries, w);
        }
    }

    /** Copies the parameters in {@code file} into the built {@code model}, which must have the same names and shapes. */
    static void load(Layer model, Path file) throws IOException {
        Map<String, Entry> entries;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            entries = GSON.fromJson(r, new TypeToken<LinkedHashMap<String, Entry>>() { }.getType());
        }
        Map<String, Tensor> parameters = model.parameters();
        if (!entries.keySet().equals(parameters.keySet())) {
            throw new IOException(file + " holds parameters " + entries.keySet() + " but " + model + " has "
                    + parameters.keySet());
        }
        for (var e : entries.entrySet()) {
            Tensor target = parameters.get(e.getKey());
            if (!Arrays.equals(target.shape().toArray(), e.getValue().shape())) {
                throw new IOException(file + ": " + e.getKey() + " is " + Arrays.toString(e.getValue().shape())
                        + " but the model's is " + target.shape());
            }
            target.assign(Tensor.of(target.backend(), e.getValue().values(), e.getValue().shape()).to(target.dtype()));
        }
    }
}
