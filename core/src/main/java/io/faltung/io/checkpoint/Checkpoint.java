package io.faltung.io.checkpoint;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import io.faltung.io.AtomicFiles;
import io.faltung.io.InvalidFormatException;
import io.faltung.io.JsonFields;
import io.faltung.io.safetensors.HostTensor;
import io.faltung.io.safetensors.SafetensorsFile;
import io.faltung.io.safetensors.SafetensorsWriter;
import io.faltung.io.weights.Weights;
import io.faltung.nn.Layer;
import io.faltung.optim.Optimizer;
import io.faltung.tensor.RandomStream;
import io.faltung.tensor.Scope;
import io.faltung.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One checkpoint directory: the model's weights and buffers ({@value #MODEL_FILE}, safetensors,
 * the model's parameter and buffer names, see {@link Weights}), the optimiser's state
 * ({@value #OPTIMIZER_FILE}, safetensors, names {@code "<i>.<slot>"} as in {@link Optimizer#state})
 * and the JSON sidecar {@value #STATE_FILE}
 * ({@link CheckpointState}, plus the SHA-256 of both tensor files). Every file is written
 * atomically; {@link CheckpointStore} publishes the directory as a whole.
 *
 * <p>{@link #read} checks the sidecar, the hashes and both safetensors files before returning;
 * {@link #restore} then puts weights, buffers (e.g. batch normalisation's running statistics),
 * optimiser state, learning rate and random-stream positions back, so that training continues
 * with bitwise the same steps and inference computes what the saved model computed.
 */
public final class Checkpoint {
    /** The weights file. */
    public static final String MODEL_FILE = "model.safetensors";
    /** The optimiser state file. */
    public static final String OPTIMIZER_FILE = "optimizer.safetensors";
    /** The JSON sidecar. */
    public static final String STATE_FILE = "checkpoint.json";
    private static final long MAX_STATE_BYTES = 64L << 20;

    private final Path dir;
    private final CheckpointState state;
    private final Map<String, HostTensor> weights;
    private final Map<String, HostTensor> optimizerState;

    private Checkpoint(Path dir, CheckpointState state, Map<String, HostTensor> weights,
                       Map<String, HostTensor> optimizerState) {
        this.dir = dir;
        this.state = state;
        this.weights = weights;
        this.optimizerState = optimizerState;
    }

    /** Writes a checkpoint of {@code model}, {@code optimizer} and {@code state} into {@code dir}. */
    public static void write(Path dir, Layer model, Optimizer optimizer, CheckpointState state) throws IOException {
        Map<String, String> hashes = new LinkedHashMap<>();
        hashes.put(MODEL_FILE, writeHashed(dir.resolve(MODEL_FILE), Weights.of(model),
                Map.of("format", "pt", "model", model.toString())));
        Map<String, HostTensor> optimizerHost;
        try (Scope scope = Scope.open()) {
            optimizerHost = SafetensorsWriter.download(optimizer.state(List.copyOf(model.parameters().values())));
        }
        hashes.put(OPTIMIZER_FILE, writeHashed(dir.resolve(OPTIMIZER_FILE), optimizerHost,
                Map.of("optimizer", optimizer.getClass().getSimpleName())));
        String json = new GsonBuilder().setPrettyPrinting().create().toJson(state.toJson(hashes));
        AtomicFiles.write(dir.resolve(STATE_FILE), (json + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Reads and checks the checkpoint in {@code dir}. */
    public static Checkpoint read(Path dir) throws IOException {
        Path stateFile = dir.resolve(STATE_FILE);
        if (!Files.isRegularFile(stateFile)) {
            throw new InvalidFormatException(dir.toString(), "is not a checkpoint: it has no " + STATE_FILE);
        }
        JsonElement json = JsonFields.read(stateFile, MAX_STATE_BYTES);
        Map<String, String> hashes = new LinkedHashMap<>();
        CheckpointState state = CheckpointState.fromJson(stateFile.toString(), json, hashes);
        if (!hashes.keySet().equals(new TreeSet<>(List.of(MODEL_FILE, OPTIMIZER_FILE)))) {
            throw new InvalidFormatException(stateFile.toString(), "\"files\" must list exactly " + MODEL_FILE + " and "
                    + OPTIMIZER_FILE + ", not " + hashes.keySet());
        }
        return new Checkpoint(dir, state, readChecked(dir.resolve(MODEL_FILE), hashes.get(MODEL_FILE)),
                readChecked(dir.resolve(OPTIMIZER_FILE), hashes.get(OPTIMIZER_FILE)));
    }

    /** The directory read. */
    public Path directory() {
        return dir;
    }

    /** The sidecar's content. */
    public CheckpointState state() {
        return state;
    }

    /** The weights and buffers by name. */
    public Map<String, HostTensor> weights() {
        return weights;
    }

    /** The optimiser state by entry name. */
    public Map<String, HostTensor> optimizerState() {
        return optimizerState;
    }

    /**
     * Puts the checkpoint back into {@code model} (built, with the same architecture) and
     * {@code optimizer}: weights, buffers, optimiser state, learning rate, and the positions of the model's
     * random streams (call after {@link Layer#seedRandomness}, e.g. in a callback's
     * {@code onTrainBegin}). Names, shapes and dtypes are checked before values are copied.
     */
    public void restore(Layer model, Optimizer optimizer) {
        Map<String, RandomStream> streams = model.randomStreams();
        if (!streams.keySet().equals(state.randomPositions().keySet())) {
            throw new IllegalArgumentException(dir + ": the checkpoint has random streams "
                    + new TreeSet<>(state.randomPositions().keySet()) + " but " + model + " has "
                    + new TreeSet<>(streams.keySet()) + "; was the model changed since?");
        }
        Weights.load(model, weights, Map.of(), dir.resolve(MODEL_FILE).toString());
        try (Scope scope = Scope.open()) {
            List<Tensor> parameters = List.copyOf(model.parameters().values());
            Map<String, Tensor> values = new LinkedHashMap<>();
            optimizerState.forEach((name, t) -> values.put(name, t.toTensor()));
            try {
                optimizer.loadState(parameters, values);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(dir.resolve(OPTIMIZER_FILE) + ": " + e.getMessage(), e);
            }
        }
        optimizer.learningRate(state.learningRate());
        streams.forEach((name, stream) -> stream.seek(state.randomPositions().get(name)));
    }

    /** Writes {@code tensors} atomically to {@code file}; returns the SHA-256 of the bytes written. */
    private static String writeHashed(Path file, Map<String, HostTensor> tensors, Map<String, String> metadata)
            throws IOException {
        MessageDigest sha = sha256();
        AtomicFiles.write(file, out -> {
            OutputStream hashed = new DigestOutputStream(out, sha);
            SafetensorsWriter.writeTo(hashed, tensors, metadata);
            hashed.flush();
        });
        return HexFormat.of().formatHex(sha.digest());
    }

    private static Map<String, HostTensor> readChecked(Path file, String expectedHash) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new InvalidFormatException(file.toString(), "is missing from the checkpoint");
        }
        MessageDigest sha = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
        }
        String actual = HexFormat.of().formatHex(sha.digest());
        if (!actual.equalsIgnoreCase(expectedHash)) {
            throw new InvalidFormatException(file.toString(), "has SHA-256 " + actual + " but " + STATE_FILE
                    + " recorded " + expectedHash + " (the file was changed or damaged after it was written)");
        }
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            return f.readAll();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
