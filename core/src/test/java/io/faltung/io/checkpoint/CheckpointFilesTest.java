package io.faltung.io.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.faltung.io.InvalidFormatException;
import io.faltung.nn.Sequential;
import io.faltung.optim.Adam;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checkpoint files: what is written, and damaged or mismatched checkpoints rejected with a reason. */
class CheckpointFilesTest {
    @TempDir
    Path dir;

    @BeforeEach
    void writeOne() throws IOException {
        JsonObject extra = new JsonObject();
        extra.addProperty("note", "hello");
        try (Sequential model = TrainingRuns.model()) {
            Checkpoint.write(dir, model, new Adam(0.1), new CheckpointState(2, 3, 19, -7, 0.1 / 3, -1,
                    Map.of("dropout_1.masks", 123L), extra));
        }
    }

    private String message(Path checkpoint) {
        return assertThrows(InvalidFormatException.class, () -> Checkpoint.read(checkpoint)).getMessage();
    }

    @Test
    void roundTripsTheStateExactly() throws IOException {
        Checkpoint c = Checkpoint.read(dir);
        CheckpointState s = c.state();
        assertEquals(2, s.nextEpoch());
        assertEquals(3, s.nextStep());
        assertEquals(19, s.globalStep());
        assertEquals(-7, s.seed());
        assertEquals(0.1 / 3, s.learningRate());
        assertEquals(Map.of("dropout_1.masks", 123L), s.randomPositions());
        assertEquals("hello", s.extra().get("note").getAsString());
        assertEquals(4, c.weights().size());
        assertTrue(c.optimizerState().isEmpty(), "Adam before its first step has no state");
    }

    @Test
    void aChangedTensorFileIsDetectedByItsHash() throws IOException {
        Path model = dir.resolve(Checkpoint.MODEL_FILE);
        byte[] bytes = Files.readAllBytes(model);
        bytes[bytes.length - 1] ^= 1;
        Files.write(model, bytes);
        assertTrue(message(dir).contains("has SHA-256"), message(dir));
    }

    @Test
    void missingAndMalformedFilesAreNamed() throws IOException {
        Files.delete(dir.resolve(Checkpoint.OPTIMIZER_FILE));
        assertTrue(message(dir).contains(Checkpoint.OPTIMIZER_FILE + ": is missing"), message(dir));
        Path state = dir.resolve(Checkpoint.STATE_FILE);
        Files.writeString(state, "{\"format\": \"faltung-checkpoint\", \"version\": 2}", StandardCharsets.UTF_8);
        assertTrue(message(dir).contains("\"version\" is 2"), message(dir));
        Files.writeString(state, "{\"format\": ", StandardCharsets.UTF_8);
        assertTrue(message(dir).contains("is not valid JSON"), message(dir));
        Files.delete(state);
        assertTrue(message(dir).contains("is not a checkpoint"), message(dir));
    }

    @Test
    void restoringIntoADifferentModelSaysWhy() throws IOException {
        Checkpoint c = Checkpoint.read(dir);
        try (Sequential other = new Sequential(new io.faltung.nn.Dense(3))) {
            other.build(io.faltung.tensor.Shape.of(2));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> c.restore(other, new Adam(0.1)));
            assertTrue(e.getMessage().contains("random streams [dropout_1.masks]"), e.getMessage());
        }
    }
}
