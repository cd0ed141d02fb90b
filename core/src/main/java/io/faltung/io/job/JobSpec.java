package io.faltung.io.job;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import io.faltung.io.InvalidFormatException;
import io.faltung.io.JsonFields;
import io.faltung.loss.Loss;
import io.faltung.nn.Layer;
import io.faltung.nn.Sequential;
import io.faltung.optim.Optimizer;
import io.faltung.optim.schedule.LearningRateScheduler;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A training job as written in a JSON job file, checked completely when parsed:
 *
 * <pre>{@code
 * {
 *   "name": "blobs-mlp",
 *   "backend": "auto",
 *   "seed": 7,
 *   "data": {"name": "blobs", "samples": 600, "classes": 3, "validation": 120},
 *   "model": {"layers": [{"type": "dense", "units": 16, "activation": "relu"},
 *                        {"type": "dropout", "rate": 0.1},
 *                        {"type": "dense", "units": 3}]},
 *   "loss": "softmax_cross_entropy",
 *   "optimizer": {"name": "adam", "learning_rate": 0.01},
 *   "schedule": {"name": "cosine", "length": 100, "warmup": 5, "interval": "step"},
 *   "epochs": 5,
 *   "batch_size": 32,
 *   "checkpoint": {"every_steps": 20, "keep_last": 3},
 *   "guard_non_finite": true
 * }
 * }</pre>
 *
 * Required: {@code data, model, loss, optimizer, epochs}. Defaults: name "job", backend "auto",
 * seed 0, batch size 32, no schedule, checkpoints only at epoch ends, keeping the last 3, no
 * {@link NonFiniteGuard}. The
 * sections are described in {@link DataSpecs}, {@link LayerSpecs} (with {@link WindowSpecs} for
 * convolution, pooling and batch normalisation, {@link RecurrentSpecs} for recurrent layers) and
 * {@link TrainingSpecs}. Unknown fields are errors (they are usually typos), and the model is
 * checked against the data's sample shape when the job is parsed, before any data is loaded
 * ({@code "model.layers[3]" does not fit: Dense(500) expects a 1-D input per sample …}). A job
 * file may have at most 1 MiB.
 */
public final class JobSpec {
    /** The largest job file accepted. */
    public static final long MAX_FILE_BYTES = 1 << 20;
    private static final Set<String> FIELDS = Set.of("name", "backend", "seed", "data", "model", "loss", "optimizer",
            "schedule", "epochs", "batch_size", "checkpoint", "guard_non_finite");

    private final JsonObject json;
    private final String name;
    private final String backend;
    private final long seed;
    private final int epochs;
    private final int batchSize;
    private final int checkpointEvery;
    private final int keepLast;
    private final boolean guardNonFinite;
    private final DataSpecs.Source data;
    private final List<Supplier<Layer>> layers;
    private final Supplier<Loss> loss;
    private final Supplier<Optimizer> optimizer;
    private final Function<Optimizer, LearningRateScheduler> schedule;

    private JobSpec(String source, JsonObject json) throws InvalidFormatException {
        JsonFields f = new JsonFields(source, "", json).onlyFields(FIELDS);
        this.json = json.deepCopy();
        this.name = f.string("name", "job");
        this.backend = f.string("backend", "auto");
        if (!Set.of("auto", "cpu", "cuda").contains(backend)) {
            throw f.error("backend", "must be \"auto\", \"cpu\" or \"cuda\", not \"" + backend + "\"");
        }
        this.seed = f.integer("seed", Long.MIN_VALUE, Long.MAX_VALUE, 0);
        this.epochs = (int) f.integer("epochs", 1, 1_000_000);
        this.batchSize = (int) f.integer("batch_size", 1, 1_000_000, 32);
        this.guardNonFinite = f.bool("guard_non_finite", false);
        this.data = DataSpecs.parse(f.object("data"));
        JsonFields model = f.object("model");
        this.layers = LayerSpecs.parse(model);
        this.loss = TrainingSpecs.loss(f);
        JsonFields opt = f.object("optimizer");
        this.optimizer = TrainingSpecs.optimizer(opt);
        this.schedule = f.has("schedule") ? TrainingSpecs.schedule(f.object("schedule"), opt.number("learning_rate"))
                : null;
        try {
            layers.forEach(Supplier::get);
            optimizer.get();
        } catch (IllegalArgumentException e) {
            throw new InvalidFormatException(source, e.getMessage(), e);
        }
        LayerSpecs.checkShapes(model, layers, data.featureShape());
        if (f.has("checkpoint")) {
            JsonFields c = f.object("checkpoint").onlyFields(Set.of("every_steps", "keep_last"));
            this.checkpointEvery = (int) c.integer("every_steps", 0, Integer.MAX_VALUE, 0);
            this.keepLast = (int) c.integer("keep_last", 1, 1000, 3);
        } else {
            this.checkpointEvery = 0;
            this.keepLast = 3;
        }
    }

    /** Parses job file text; {@code source} names it in errors. */
    public static JobSpec parse(String source, String text) throws InvalidFormatException {
        if (text.length() > MAX_FILE_BYTES) {
            throw new InvalidFormatException(source, "has more than " + MAX_FILE_BYTES + " characters");
        }
        return new JobSpec(source, JsonFields.root(source, JsonFields.parse(source, text)).object());
    }

    /** Reads and parses a job file. */
    public static JobSpec read(Path file) throws IOException {
        return new JobSpec(file.toString(), JsonFields.root(file.toString(), JsonFields.read(file, MAX_FILE_BYTES))
                .object());
    }

    /** The job as JSON (pretty-printed), e.g. to store beside its results. */
    public String toJson() {
        return new GsonBuilder().setPrettyPrinting().create().toJson(json) + "\n";
    }

    /** The job's JSON object (a copy). */
    public JsonObject json() {
        return json.deepCopy();
    }

    /** The job's name. */
    public String name() {
        return name;
    }

    /** The backend policy: auto, cpu or cuda. */
    public String backend() {
        return backend;
    }

    /** The seed of initial weights, data order and dropout. */
    public long seed() {
        return seed;
    }

    /** Passes over the training data. */
    public int epochs() {
        return epochs;
    }

    /** Samples per step. */
    public int batchSize() {
        return batchSize;
    }

    /** Checkpoint every this many steps (0: only at epoch ends). */
    public int checkpointEvery() {
        return checkpointEvery;
    }

    /** Whether training stops at the first non-finite layer output ({@link NonFiniteGuard}). */
    public boolean guardNonFinite() {
        return guardNonFinite;
    }

    /** How many checkpoints to keep. */
    public int keepLast() {
        return keepLast;
    }

    /** Loads (or generates) the data. */
    DataSpecs.Split loadData() {
        return data.load();
    }

    /** A new, unbuilt model. */
    public Sequential newModel() {
        return new Sequential(layers.stream().map(Supplier::get).toArray(Layer[]::new));
    }

    /** A new loss. */
    public Loss newLoss() {
        return loss.get();
    }

    /** A new optimiser. */
    public Optimizer newOptimizer() {
        return optimizer.get();
    }

    /** A scheduler driving {@code optimizer}, or {@code null} if the job has no schedule. */
    public LearningRateScheduler newScheduler(Optimizer optimizer) {
        return schedule == null ? null : schedule.apply(optimizer);
    }
}
