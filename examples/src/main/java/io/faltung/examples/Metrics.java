package io.faltung.examples;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The final figures of a run, written as {@code metrics.json}: a flat JSON object whose keys keep
 * the order in which they were put. Values are numbers, strings, booleans or arrays of numbers.
 */
public final class Metrics {
    private final Map<String, Object> values = new LinkedHashMap<>();

    /** Records a number. */
    public Metrics put(String key, double value) {
        return set(key, value);
    }

    /** Records an integer. */
    public Metrics put(String key, long value) {
        return set(key, value);
    }

    /** Records a string. */
    public Metrics put(String key, String value) {
        return set(key, value);
    }

    /** Records a flag. */
    public Metrics put(String key, boolean value) {
        return set(key, value);
    }

    /** Records a vector of numbers (e.g. final weights). */
    public Metrics put(String key, double[] value) {
        return set(key, value.clone());
    }

    private Metrics set(String key, Object value) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("metric names must not be blank");
        }
        values.put(key, value);
        return this;
    }

    /** The value recorded under {@code key}, or {@code null}. */
    public Object get(String key) {
        return values.get(key);
    }

    /** Writes the figures as pretty-printed JSON (NaN and infinities are written as such). */
    public void write(Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create().toJson(values, w);
            w.write(System.lineSeparator());
        }
    }
}
