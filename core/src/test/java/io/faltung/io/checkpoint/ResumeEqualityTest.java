package io.faltung.io.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.faltung.io.safetensors.HostTensor;
import io.faltung.io.weights.Weights;
import io.faltung.nn.Sequential;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping a run at a checkpoint and resuming it in a fresh model and optimiser gives bit for bit
 * the losses and weights of a run that was never stopped (dropout and Adam included).
 */
class ResumeEqualityTest {
    private static final int EPOCHS = 3;

    @TempDir
    Path root;

    private record Outcome(List<Double> losses, Map<String, HostTensor> weights) {
    }

    private static Outcome uninterrupted() {
        TrainingRuns.Losses losses = new TrainingRuns.Losses();
        try (Sequential model = TrainingRuns.model()) {
            model.fit(TrainingRuns.data(), TrainingRuns.fit(EPOCHS, losses));
            return new Outcome(losses.values, Weights.of(model));
        }
    }

    /** Trains until a stop after {@code stopAfter} steps, then resumes from the newest checkpoint. */
    private Outcome stoppedAndResumed(int stopAfter, int everySteps) throws Exception {
        CheckpointStore store = new CheckpointStore(root, 2);
        List<Double> all = new ArrayList<>();
        try (Sequential model = TrainingRuns.model()) {
            TrainingRuns.Losses first = new TrainingRuns.Losses();
            Checkpointing checkpointing = new Checkpointing(store, everySteps, TrainingRuns.STEPS_PER_EPOCH);
            TrainingInterruptedException stop = assertThrows(TrainingInterruptedException.class, () -> model.fit(
                    TrainingRuns.data(), TrainingRuns.fit(EPOCHS, first, TrainingRuns.stopAfter(checkpointing, stopAfter),
                            checkpointing)));
            assertEquals(stopAfter, stop.globalStep());
            all.addAll(first.values);
        }
        Checkpoint checkpoint = Checkpoint.read(store.latest().orElseThrow());
        CheckpointState state = checkpoint.state();
        assertEquals(stopAfter, state.globalStep());
        assertEquals(stopAfter / TrainingRuns.STEPS_PER_EPOCH, state.nextEpoch());
        assertEquals(stopAfter % TrainingRuns.STEPS_PER_EPOCH, state.nextStep());
        try (Sequential model = TrainingRuns.model()) {
            TrainingRuns.Losses rest = new TrainingRuns.Losses();
            Checkpointing checkpointing = new Checkpointing(store, everySteps, TrainingRuns.STEPS_PER_EPOCH)
                    .resumeFrom(checkpoint);
            model.fit(TrainingRuns.data(), TrainingRuns.fit(EPOCHS, rest, checkpointing)
                    .resumeAt(state.nextEpoch(), state.nextStep()));
            all.addAll(rest.values);
            return new Outcome(all, Weights.of(model));
        }
    }

    private static void assertBitwiseEqual(List<Double> expected, List<Double> actual) {
        assertEquals(expected.size(), actual.size(), "number of steps");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(Double.doubleToRawLongBits(expected.get(i)), Double.doubleToRawLongBits(actual.get(i)),
                    "loss of step " + i + ": " + expected.get(i) + " vs " + actual.get(i));
        }
    }

    @Test
    void resumingMidEpochAcrossEpochBoundariesIsBitwiseExact() throws Exception {
        Outcome reference = uninterrupted();
        Outcome resumed = stoppedAndResumed(11, 3);
        assertBitwiseEqual(reference.losses(), resumed.losses());
        assertEquals(reference.weights(), resumed.weights());
    }

    @Test
    void resumingFromAnEpochEndCheckpointIsBitwiseExact() throws Exception {
        Outcome reference = uninterrupted();
        Outcome resumed = stoppedAndResumed(TrainingRuns.STEPS_PER_EPOCH, 0);
        assertBitwiseEqual(reference.losses(), resumed.losses());
        assertEquals(reference.weights(), resumed.weights());
    }

    @Test
    void theCheckRejectsARunThatDiffers() {
        List<Double> a = List.of(1.0, 2.0);
        assertThrows(AssertionError.class, () -> assertBitwiseEqual(a, List.of(1.0, Math.nextUp(2.0))));
    }
}
