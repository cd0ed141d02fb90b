package io.faltung.io.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faltung.io.checkpoint.CheckpointStore;
import io.faltung.io.checkpoint.TrainingInterruptedException;
import io.faltung.io.safetensors.SafetensorsFile;
import io.faltung.train.Progress;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Running jobs into a directory, stopping them and resuming bit for bit. */
class JobRunnerTest {
    private static final int EPOCHS = 3;
    private static final int STEPS = 15;

    @TempDir
    Path root;

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    private JobRunner runner(String text, Path out) throws IOException {
        return new JobRunner(JobSpec.parse("job.json", text), out)
                .progress(Progress.LINES, new PrintStream(console, true, StandardCharsets.UTF_8));
    }

    private static long[] bits(double[] values) {
        return java.util.Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
    }

    @Test
    void aFullRunWritesMetricsCheckpointsAndPyTorchNamedWeights() throws Exception {
        Path out = root.resolve("run");
        JobResult result = runner(JobFiles.small(EPOCHS), out).run();
        assertEquals(STEPS, result.globalStep());
        assertEquals(STEPS, result.stepLosses().length);
        assertEquals(EPOCHS, result.lines("epoch", "loss").length);
        assertTrue(result.lines("epoch", "val_accuracy")[EPOCHS - 1] > 0.5, "learns the blobs");
        assertEquals(List.of("step-000000000012", "step-000000000015"), CheckpointStore.list(out.resolve("checkpoints"))
                .stream().map(p -> p.getFileName().toString()).toList());
        try (SafetensorsFile f = SafetensorsFile.open(out.resolve(JobRunner.WEIGHTS_FILE))) {
            assertEquals(List.of("0.weight", "0.bias", "3.weight", "3.bias"), f.names());
        }
        assertTrue(Files.readString(out.resolve(JobRunner.JOB_FILE)).contains("blobs-test"));
        IllegalStateException again = assertThrows(IllegalStateException.class, () -> runner(JobFiles.small(EPOCHS), out)
                .run());
        assertTrue(again.getMessage().contains("already holds a run"), again.getMessage());
        IllegalStateException done = assertThrows(IllegalStateException.class, () -> runner(JobFiles.small(EPOCHS), out)
                .resume());
        assertTrue(done.getMessage().contains("is complete"), done.getMessage());
    }

    @Test
    void resumingFromEveryKeptCheckpointReproducesTheRunBitForBit() throws Exception {
        String job = JobFiles.small(EPOCHS).replace("\"keep_last\": 2", "\"keep_last\": 100");
        JobResult reference = runner(job, root.resolve("reference")).run();
        List<Path> checkpoints = CheckpointStore.list(root.resolve("reference/checkpoints"));
        assertEquals(List.of(3L, 5L, 6L, 9L, 10L, 12L, 15L),
                checkpoints.stream().map(CheckpointStore::stepOf).toList(), "every 3 steps and at each epoch end");
        for (long stop : new long[] {3, 5, 9, 12}) {
            Path out = root.resolve("stopped-" + stop);
            copy(root.resolve("reference"), out);
            for (Path c : CheckpointStore.list(out.resolve("checkpoints"))) {
                if (CheckpointStore.stepOf(c) > stop) {
                    delete(c);
                }
            }
            JobResult resumed = runner(job, out).resume();
            assertArrayEquals(bits(reference.stepLosses()), bits(resumed.stepLosses()), "step losses, stop at " + stop);
            assertArrayEquals(bits(reference.lines("epoch", "loss")), bits(resumed.lines("epoch", "loss")),
                    "epoch losses, stop at " + stop);
            assertArrayEquals(Files.readAllBytes(root.resolve("reference").resolve(JobRunner.WEIGHTS_FILE)),
                    Files.readAllBytes(out.resolve(JobRunner.WEIGHTS_FILE)), "final weights, stop at " + stop);
        }
    }

    @Test
    void aConvolutionalRecurrentJobWithBatchNormalizationResumesBitForBit() throws Exception {
        String job = JobFiles.withLayers("[12]", """
                {"type": "reshape", "shape": [2, 6]},
                {"type": "conv1d", "filters": 3, "kernel_size": 3, "padding": "same"},
                {"type": "batch_normalization"},
                {"type": "activation", "activation": "relu"},
                {"type": "max_pool1d", "pool_size": 2},
                {"type": "gru", "units": 4},
                {"type": "dropout", "rate": 0.2},
                {"type": "dense", "units": 3}
                """, 2);
        JobResult reference = runner(job, root.resolve("reference")).run();
        assertEquals(6, reference.globalStep());
        try (SafetensorsFile f = SafetensorsFile.open(root.resolve("reference").resolve(JobRunner.WEIGHTS_FILE))) {
            // Unflatten(0), Conv1d(1), BatchNorm1d(2), ReLU(3), MaxPool1d(4), GRU(5), Dropout(6), Linear(7)
            assertEquals(List.of("1.weight", "1.bias", "2.weight", "2.bias", "5.weight_ih_l0", "5.weight_hh_l0",
                    "5.bias_ih_l0", "5.bias_hh_l0", "7.weight", "7.bias", "2.running_mean", "2.running_var",
                    "2.num_batches_tracked"), f.names());
        }
        Path out = root.resolve("stopped");
        copy(root.resolve("reference"), out);
        for (Path c : CheckpointStore.list(out.resolve("checkpoints"))) {
            if (CheckpointStore.stepOf(c) > 4) {
                delete(c);
            }
        }
        Files.delete(out.resolve(JobRunner.WEIGHTS_FILE));
        JobResult resumed = runner(job, out).resume();
        assertArrayEquals(bits(reference.stepLosses()), bits(resumed.stepLosses()));
        assertArrayEquals(Files.readAllBytes(root.resolve("reference").resolve(JobRunner.WEIGHTS_FILE)),
                Files.readAllBytes(out.resolve(JobRunner.WEIGHTS_FILE)), "final weights and running statistics");
    }

    @Test
    void aStopRequestCheckpointsAtTheNextStepAndResumeFinishesTheRun() throws Exception {
        JobResult reference = runner(JobFiles.small(EPOCHS), root.resolve("reference")).run();
        Path out = root.resolve("stopped");
        JobRunner first = runner(JobFiles.small(EPOCHS), out);
        first.requestStop("test signal");
        TrainingInterruptedException stop = assertThrows(TrainingInterruptedException.class, first::run);
        assertEquals(1, stop.globalStep());
        assertTrue(stop.getMessage().startsWith("test signal; checkpoint "), stop.getMessage());
        JobResult resumed = runner(JobFiles.small(EPOCHS), out).resume();
        assertArrayEquals(bits(reference.stepLosses()), bits(resumed.stepLosses()));
        assertTrue(console.toString().contains("resuming blobs-test from"), console.toString());
        IllegalStateException other = assertThrows(IllegalStateException.class,
                () -> runner(JobFiles.small(EPOCHS + 1), out).resume());
        assertTrue(other.getMessage().contains("differs from the one this run was started with"), other.getMessage());
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
