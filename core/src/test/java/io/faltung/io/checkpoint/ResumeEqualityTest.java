package io.faltung.io.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faltung.io.safetensors.HostTensor;
import io.faltung.io.weights.Weights;
import io.faltung.data.ArrayDataset;
import io.faltung.data.Dataset;
import io.faltung.nn.Activation;
import io.faltung.nn.ActivationLayer;
import io.faltung.nn.BatchNormalization;
import io.faltung.nn.Dense;
import io.faltung.nn.Sequential;
import io.faltung.nn.recurrent.LSTM;
import io.faltung.tensor.RandomStream;
import io.faltung.tensor.Scope;
import io.faltung.tensor.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
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

    /** Every step's loss, the final weights and buffers, and the final model's inference outputs on the data. */
    private record Outcome(List<Double> losses, Map<String, HostTensor> weights, float[] predictions) {
        static Outcome of(List<Double> losses, Sequential model, Dataset data) {
            try (Scope scope = Scope.open()) {
                return new Outcome(losses, Weights.of(model), model.predict(data).toFloatArray());
            }
        }
    }

    private static Outcome uninterrupted() {
        return uninterrupted(TrainingRuns::model, TrainingRuns.data());
    }

    private static Outcome uninterrupted(Supplier<Sequential> models, Dataset data) {
        TrainingRuns.Losses losses = new TrainingRuns.Losses();
        try (Sequential model = models.get()) {
            model.fit(data, TrainingRuns.fit(EPOCHS, losses));
            return Outcome.of(losses.values, model, data);
        }
    }

    /** Trains until a stop after {@code stopAfter} steps, then resumes from the newest checkpoint. */
    private Outcome stoppedAndResumed(int stopAfter, int everySteps) throws Exception {
        return stoppedAndResumed(TrainingRuns::model, TrainingRuns.data(), stopAfter, everySteps);
    }

    private Outcome stoppedAndResumed(Supplier<Sequential> models, Dataset data, int stopAfter, int everySteps)
            throws Exception {
        CheckpointStore store = new CheckpointStore(root, 2);
        List<Double> all = new ArrayList<>();
        try (Sequential model = models.get()) {
            TrainingRuns.Losses first = new TrainingRuns.Losses();
            Checkpointing checkpointing = new Checkpointing(store, everySteps, TrainingRuns.STEPS_PER_EPOCH);
            TrainingInterruptedException stop = assertThrows(TrainingInterruptedException.class, () -> model.fit(
                    data, TrainingRuns.fit(EPOCHS, first, TrainingRuns.stopAfter(checkpointing, stopAfter),
                            checkpointing)));
            assertEquals(stopAfter, stop.globalStep());
            all.addAll(first.values);
        }
        Checkpoint checkpoint = Checkpoint.read(store.latest().orElseThrow());
        CheckpointState state = checkpoint.state();
        assertEquals(stopAfter, state.globalStep());
        assertEquals(stopAfter / TrainingRuns.STEPS_PER_EPOCH, state.nextEpoch());
        assertEquals(stopAfter % TrainingRuns.STEPS_PER_EPOCH, state.nextStep());
        try (Sequential model = models.get()) {
            TrainingRuns.Losses rest = new TrainingRuns.Losses();
            Checkpointing checkpointing = new Checkpointing(store, everySteps, TrainingRuns.STEPS_PER_EPOCH)
                    .resumeFrom(checkpoint);
            model.fit(data, TrainingRuns.fit(EPOCHS, rest, checkpointing)
                    .resumeAt(state.nextEpoch(), state.nextStep()));
            all.addAll(rest.values);
            return Outcome.of(all, model, data);
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
    void aStackedLstmWithDropoutBetweenLayersResumesBitwiseToo() throws Exception {
        Supplier<Sequential> lstm = () -> {
            Sequential m = new Sequential(new LSTM(4).layers(2).dropout(0.3), new Dense(3));
            m.build(Shape.of(3, 2), new RandomStream(TrainingRuns.SEED));
            return m;
        };
        float[] x = new float[TrainingRuns.SAMPLES * 6];
        float[] y = new float[TrainingRuns.SAMPLES * 3];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.sin(0.37 * i);
        }
        for (int i = 0; i < TrainingRuns.SAMPLES; i++) {
            y[3 * i + (x[6 * i] > 0.3 ? 0 : x[6 * i] < -0.3 ? 1 : 2)] = 1;
        }
        Dataset sequences = new ArrayDataset(x, Shape.of(3, 2), y, Shape.of(3));
        Outcome reference = uninterrupted(lstm, sequences);
        Outcome resumed = stoppedAndResumed(lstm, sequences, 10, 4);
        assertBitwiseEqual(reference.losses(), resumed.losses());
        assertEquals(reference.weights(), resumed.weights());
    }

    @Test
    void batchNormalizationResumesWithItsRunningStatistics() throws Exception {
        // Training steps use batch statistics, so only the buffers (running mean and variance) and the
        // inference outputs show whether the checkpoint kept them.
        Supplier<Sequential> bn = () -> {
            Sequential m = new Sequential(new Dense(6), new BatchNormalization().momentum(0.3),
                    new ActivationLayer(Activation.RELU), new Dense(3));
            m.build(Shape.of(2), new RandomStream(TrainingRuns.SEED));
            return m;
        };
        Outcome reference = uninterrupted(bn, TrainingRuns.data());
        Outcome resumed = stoppedAndResumed(bn, TrainingRuns.data(), 13, 5);
        assertBitwiseEqual(reference.losses(), resumed.losses());
        assertArrayEquals(reference.predictions(), resumed.predictions(), "inference uses the running statistics");
        assertTrue(reference.weights().containsKey("batch_normalization_1.running_mean"));
        assertEquals(HostTensor.ofInts(new int[] {3 * TrainingRuns.STEPS_PER_EPOCH}),
                resumed.weights().get("batch_normalization_1.num_batches_tracked"));
        assertEquals(reference.weights(), resumed.weights());
    }

    @Test
    void theCheckRejectsARunThatDiffers() {
        List<Double> a = List.of(1.0, 2.0);
        assertThrows(AssertionError.class, () -> assertBitwiseEqual(a, List.of(1.0, Math.nextUp(2.0))));
    }
}
