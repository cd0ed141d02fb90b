package io.faltung.examples;

import static io.faltung.examples.MainTest.assertPngs;
import static io.faltung.examples.MainTest.runExample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The time-series examples, shortened with {@code --epochs}: they run, write their figures and already beat their baselines. */
class RecurrentExamplesTest {
    @TempDir
    Path dir;

    @Test
    void sineRnnBeatsTheWindowMean() throws IOException {
        JsonObject m = runExample(dir, "sine-rnn", "--epochs", "20");
        assertTrue(m.get("test_mse").getAsDouble() < m.get("baseline_test_mse").getAsDouble(), m.toString());
        assertTrue(m.get("train_mse").getAsDouble() < 0.6, m.toString());
        assertEquals(20, m.get("epochs").getAsInt());
        assertPngs(dir, "sine-rnn");
    }

    @Test
    void lorenzLearnsTheFlowAndRollsOut() throws IOException {
        JsonObject m = runExample(dir, "lorenz", "--epochs", "2");
        double oneStep = m.get("one_step_mse").getAsDouble();
        double persistence = m.get("persistence_mse").getAsDouble();
        assertTrue(oneStep < persistence / 100, m.toString());
        double divergence = m.get("rollout_divergence_time").getAsDouble();
        assertTrue(divergence > 0 && divergence <= 8, m.toString());
        assertEquals(10, m.get("rollout_divergence_times").getAsJsonArray().size());
        assertPngs(dir, "lorenz-xz", "lorenz-x");
    }

    @Test
    void oscillatorBeatsPersistence() throws IOException {
        JsonObject m = runExample(dir, "oscillator", "--epochs", "3");
        assertTrue(m.get("one_step_mse").getAsDouble() < m.get("persistence_mse").getAsDouble() / 10, m.toString());
        assertPngs(dir, "oscillator");
    }
}
