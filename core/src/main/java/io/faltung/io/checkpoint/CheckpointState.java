package io.faltung.io.checkpoint;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.faltung.io.InvalidFormatException;
import io.faltung.io.JsonFields;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Everything besides tensors that an exact resume needs, written as the JSON sidecar
 * {@value Checkpoint#STATE_FILE}: where training stands (the next step to run and how many steps
 * are done), the seed, the learning rate and schedule position, the position of every random
 * stream of the model, and free-form {@code extra} data (the job's configuration, running metric
 * sums). Counters are exact integers; the learning rate round-trips exactly.
 *
 * @param nextEpoch         the epoch of the next step to run (from 0)
 * @param nextStep          the step within {@code nextEpoch} to run next (from 0)
 * @param globalStep        optimiser steps completed since the start of training
 * @param seed              the training seed (data order, dropout)
 * @param learningRate      the optimiser's learning rate after the last completed step
 * @param schedulePosition  the learning-rate scheduler's position, or -1 without a schedule
 * @param randomPositions   position of each of the model's random streams, by name
 * @param extra             anything else the trainer wants back (may be empty, never null)
 */
public record CheckpointState(int nextEpoch, int nextStep, long globalStep, long seed, double learningRate,
                              long schedulePosition, Map<String, Long> randomPositions, JsonObject extra) {
    /** The format name written into every sidecar. */
    public static final String FORMAT = "faltung-checkpoint";
    /** The sidecar format version this code writes and reads. */
    public static final int VERSION = 1;

    private static final Set<String> FIELDS = Set.of("format", "version", "next_epoch", "next_step", "global_step",
            "seed", "learning_rate", "schedule_position", "random_streams", "files", "extra");

    /** Copies the maps so the record is immutable. */
    public CheckpointState {
        randomPositions = Map.copyOf(randomPositions);
        extra = extra == null ? new JsonObject() : extra.deepCopy();
    }

    @Override
    public JsonObject extra() {
        return extra.deepCopy();
    }

    /** The sidecar JSON, with {@code files} (name → SHA-256) listing the tensor files it vouches for. */
    JsonObject toJson(Map<String, String> files) {
        JsonObject o = new JsonObject();
        o.addProperty("format", FORMAT);
        o.addProperty("version", VERSION);
        o.addProperty("next_epoch", nextEpoch);
        o.addProperty("next_step", nextStep);
        o.addProperty("global_step", globalStep);
        o.addProperty("seed", seed);
        o.addProperty("learning_rate", learningRate);
        o.addProperty("schedule_position", schedulePosition);
        JsonObject streams = new JsonObject();
        randomPositions.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> streams.addProperty(e.getKey(), e.getValue()));
        o.add("random_streams", streams);
        JsonObject sums = new JsonObject();
        files.forEach(sums::addProperty);
        o.add("files", sums);
        o.add("extra", extra.deepCopy());
        return o;
    }

    /** Parses a sidecar; {@code files} receives its name → SHA-256 table. */
    static CheckpointState fromJson(String source, JsonElement json, Map<String, String> files)
            throws InvalidFormatException {
        JsonFields f = JsonFields.root(source, json).onlyFields(FIELDS);
        if (!FORMAT.equals(f.string("format"))) {
            throw f.error("format", "must be \"" + FORMAT + "\"");
        }
        long version = f.integer("version", 1, Integer.MAX_VALUE);
        if (version != VERSION) {
            throw f.error("version", "is " + version + "; this Faltung reads version " + VERSION);
        }
        Map<String, Long> positions = new LinkedHashMap<>();
        JsonFields streams = f.object("random_streams");
        for (String name : streams.object().keySet()) {
            positions.put(name, streams.integer(name, 0, Long.MAX_VALUE));
        }
        JsonFields sums = f.object("files");
        for (String name : sums.object().keySet()) {
            files.put(name, sums.string(name));
        }
        return new CheckpointState(
                (int) f.integer("next_epoch", 0, Integer.MAX_VALUE),
                (int) f.integer("next_step", 0, Integer.MAX_VALUE),
                f.integer("global_step", 0, Long.MAX_VALUE),
                f.integer("seed", Long.MIN_VALUE, Long.MAX_VALUE),
                f.number("learning_rate"),
                f.integer("schedule_position", -1, Long.MAX_VALUE),
                positions,
                f.object("extra").object());
    }
}
