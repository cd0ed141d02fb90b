package io.faltung.io.job;

import com.google.gson.JsonObject;
import io.faltung.train.History;
import java.nio.file.Path;
import java.util.List;

/**
 * What a finished job run leaves: its output directory, the {@link History} of this process's
 * epochs, the total optimiser steps and every metrics line of the run (including those written
 * before a resume).
 *
 * @param directory  the output directory
 * @param history    the epochs trained by this process
 * @param globalStep optimiser steps completed in total
 * @param metrics    the lines of {@code metrics.jsonl}, in order
 */
public record JobResult(Path directory, History history, long globalStep, List<JsonObject> metrics) {
    /** The loss of every step, in order (from the metrics lines). */
    public double[] stepLosses() {
        return lines("step", "loss");
    }

    /** {@code key} of every line of {@code type} ("step" or "epoch"), NaN where null. */
    public double[] lines(String type, String key) {
        return metrics.stream().filter(o -> type.equals(o.get("type").getAsString()))
                .mapToDouble(o -> o.has(key) && !o.get(key).isJsonNull() ? o.get(key).getAsDouble() : Double.NaN)
                .toArray();
    }
}
