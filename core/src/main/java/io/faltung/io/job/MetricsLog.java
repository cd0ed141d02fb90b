package io.faltung.io.job;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.faltung.io.AtomicFiles;
import io.faltung.io.JsonFields;
import io.faltung.train.Callback;
import io.faltung.train.EpochStats;
import io.faltung.train.Training;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Training metrics as JSON lines ({@code metrics.jsonl}), one object per step and per epoch, each
 * line flushed when written:
 *
 * <pre>{@code
 * {"type":"step","epoch":0,"step":3,"global_step":4,"loss":0.6931471824645996,"learning_rate":0.01}
 * {"type":"epoch","epoch":0,"global_step":19,"loss":0.52,"accuracy":0.81,"val_loss":0.49,"val_accuracy":0.83,
 *  "seconds":0.4,"samples_per_second":1500.0}
 * }</pre>
 *
 * Values that do not apply are {@code null}. Losses are written with all their digits, so they
 * read back bit for bit. The epoch's {@code loss} is the sample-weighted mean of its step losses;
 * its running sum is part of the checkpoint, so it is exact across a resume ({@code accuracy}
 * then covers the steps after the resume only, and the line says {@code "partial": true}).
 */
final class MetricsLog implements Callback, AutoCloseable {
    private static final Gson GSON = new Gson();

    private final Writer out;
    private final int samples;
    private final int batchSize;
    private long globalStep;
    private double lossSum;
    private boolean partial;

    /** Appends to {@code file}; {@code samples} and {@code batchSize} give each step's batch size. */
    MetricsLog(Path file, int samples, int batchSize) throws IOException {
        this.out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND));
        this.samples = samples;
        this.batchSize = batchSize;
    }

    /** Continues after a checkpoint: {@code globalStep} steps done, {@code lossSum} so far in the epoch. */
    void resume(long steps, double epochLossSum, boolean midEpoch) {
        this.globalStep = steps;
        this.lossSum = epochLossSum;
        this.partial = midEpoch;
    }

    /** The running state a checkpoint must keep. */
    JsonObject state() {
        JsonObject o = new JsonObject();
        o.addProperty("epoch_loss_sum", lossSum);
        return o;
    }

    @Override
    public void onStepEnd(Training training, int epoch, int step, double loss) {
        globalStep++;
        lossSum += loss * Math.min(batchSize, samples - step * batchSize);
        JsonObject o = new JsonObject();
        o.addProperty("type", "step");
        o.addProperty("epoch", epoch);
        o.addProperty("step", step);
        o.addProperty("global_step", globalStep);
        put(o, "loss", loss);
        put(o, "learning_rate", training.fit().optimizer().learningRate());
        write(o);
    }

    @Override
    public void onEpochEnd(Training training, EpochStats stats) {
        JsonObject o = new JsonObject();
        o.addProperty("type", "epoch");
        o.addProperty("epoch", stats.epoch());
        o.addProperty("global_step", globalStep);
        put(o, "loss", lossSum / samples);
        put(o, "accuracy", stats.accuracy());
        put(o, "val_loss", stats.validationLoss());
        put(o, "val_accuracy", stats.validationAccuracy());
        put(o, "seconds", stats.seconds());
        put(o, "samples_per_second", stats.samplesPerSecond());
        if (partial) {
            o.addProperty("partial", true);
        }
        write(o);
        lossSum = 0;
        partial = false;
    }

    private static void put(JsonObject o, String key, double value) {
        if (Double.isFinite(value)) {
            o.addProperty(key, value);
        } else {
            o.add(key, null);
        }
    }

    private void write(JsonObject o) {
        try {
            out.write(GSON.toJson(o));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("writing metrics failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    /** The lines of a metrics file. */
    static List<JsonObject> read(Path file) throws IOException {
        List<JsonObject> lines = new ArrayList<>();
        if (!Files.exists(file)) {
            return lines;
        }
        int n = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            n++;
            if (line.isBlank()) {
                continue;
            }
            JsonElement e;
            try {
                e = JsonFields.parse(file + " line " + n, line);
            } catch (IOException partialLine) {
                break; // the last line of a killed run may be cut short
            }
            lines.add(JsonFields.root(file + " line " + n, e).object());
        }
        return lines;
    }

    /**
     * Rewrites {@code file} (atomically) keeping what a run resumed after {@code globalStep} steps,
     * at epoch {@code nextEpoch}, would have written: later lines are dropped.
     */
    static void truncate(Path file, long globalStep, int nextEpoch) throws IOException {
        StringBuilder kept = new StringBuilder();
        for (JsonObject o : read(file)) {
            boolean keep = o.has("type") && o.get("type").getAsString().equals("epoch")
                    ? o.get("epoch").getAsInt() < nextEpoch
                    : o.has("global_step") && o.get("global_step").getAsLong() <= globalStep;
            if (keep) {
                kept.append(GSON.toJson(o)).append('\n');
            }
        }
        AtomicFiles.write(file, kept.toString().getBytes(StandardCharsets.UTF_8));
    }
}
