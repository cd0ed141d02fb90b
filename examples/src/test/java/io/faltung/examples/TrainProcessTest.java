package io.faltung.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.faltung.io.checkpoint.Checkpoint;
import io.faltung.io.checkpoint.CheckpointStore;
import io.faltung.io.job.JobRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training in a real child JVM on the CPU backend, killed with SIGKILL while it writes a
 * checkpoint every step, or stopped with SIGTERM: every published checkpoint stays loadable, and
 * resuming gives bit for bit the step losses and final weights of a run that was never stopped.
 */
class TrainProcessTest {
    private static final String JOB = """
            {"name": "kill-test", "backend": "cpu", "seed": 3,
             "data": {"name": "blobs", "samples": 1200, "features": 6, "classes": 3, "noise": 1.0, "validation": 60},
             "model": {"layers": [{"type": "dense", "units": 32, "activation": "relu"},
                                  {"type": "dropout", "rate": 0.2}, {"type": "dense", "units": 3}]},
             "loss": "softmax_cross_entropy",
             "optimizer": {"name": "adam", "learning_rate": 0.01},
             "schedule": {"name": "cosine", "length": 300, "warmup": 10},
             "epochs": 3, "batch_size": 16,
             "checkpoint": {"every_steps": 1, "keep_last": 3}}
            """;
    private static final int STEPS = 3 * 75;

    @TempDir
    static Path shared;
    private static Path job;
    private static Path reference;

    @TempDir
    Path dir;

    @BeforeAll
    static void referenceRun() throws IOException {
        job = shared.resolve("job.json");
        Files.writeString(job, JOB, StandardCharsets.UTF_8);
        reference = shared.resolve("reference");
        assertEquals(0, Main.run("train", job.toString(), "--out", reference.toString()));
    }

    private static Process start(Path out, Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "train"));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Waits until the run in {@code out} has published a checkpoint of at least {@code step}. */
    private static void awaitCheckpoint(Process p, Path out, long step, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        Path checkpoints = out.resolve(JobRunner.CHECKPOINTS);
        while (System.nanoTime() < deadline) {
            assertTrue(p.isAlive(), () -> "the training process ended early:\n" + read(log));
            if (Files.isDirectory(checkpoints)) {
                List<Path> all = CheckpointStore.list(checkpoints);
                if (!all.isEmpty() && CheckpointStore.stepOf(all.get(all.size() - 1)) >= step) {
                    return;
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no checkpoint of step " + step + " within 120 s:\n" + read(log));
    }

    private static String read(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Every published checkpoint reads completely; returns how many there are. */
    private static int assertAllCheckpointsLoad(Path out) throws IOException {
        List<Path> all = CheckpointStore.list(out.resolve(JobRunner.CHECKPOINTS));
        try (var entries = Files.list(out.resolve(JobRunner.CHECKPOINTS))) {
            System.out.println("after SIGKILL: checkpoints " + all.stream().map(CheckpointStore::stepOf).toList()
                    + ", interrupted writes left behind: " + entries.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(".")).toList());
        }
        for (Path c : all) {
            Checkpoint.read(c);
        }
        return all.size();
    }

    private static long[] stepLossBits(Path out) throws IOException {
        return Files.readAllLines(out.resolve(JobRunner.METRICS_FILE)).stream()
                .map(l -> JsonParser.parseString(l).getAsJsonObject()).filter(o -> o.get("type").getAsString().equals("step"))
                .mapToLong(o -> Double.doubleToRawLongBits(o.get("loss").getAsDouble())).toArray();
    }

    private static void assertSameAsReference(Path out) throws IOException {
        long[] expected = stepLossBits(reference);
        assertEquals(STEPS, expected.length);
        assertArrayEquals(expected, stepLossBits(out), "step losses of the resumed run");
        assertArrayEquals(Files.readAllBytes(reference.resolve(JobRunner.WEIGHTS_FILE)),
                Files.readAllBytes(out.resolve(JobRunner.WEIGHTS_FILE)), "final weights");
        JsonObject m = JsonParser.parseString(Files.readString(out.resolve("metrics.json"))).getAsJsonObject();
        assertEquals(STEPS, m.get("steps").getAsLong());
    }

    @Test
    void sigkillWhileCheckpointingLeavesLoadableCheckpointsAndResumesExactly() throws Exception {
        Path out = dir.resolve("run");
        Process first = start(out, dir.resolve("first.log"), job.toString(), "--out", out.toString());
        awaitCheckpoint(first, out, 20, dir.resolve("first.log"));
        Thread.sleep(7); // lands in the middle of the next step or its checkpoint
        first.destroyForcibly();
        assertTrue(first.waitFor(60, TimeUnit.SECONDS));
        assertTrue(assertAllCheckpointsLoad(out) >= 1);

        Process second = start(out, dir.resolve("second.log"), "--resume", out.toString());
        awaitCheckpoint(second, out, 100, dir.resolve("second.log"));
        Thread.sleep(23);
        second.destroyForcibly();
        assertTrue(second.waitFor(60, TimeUnit.SECONDS));
        assertTrue(read(dir.resolve("second.log")).contains("resuming kill-test from"), read(dir.resolve("second.log")));
        assertTrue(assertAllCheckpointsLoad(out) >= 1);

        assertEquals(0, Main.run("train", "--resume", out.toString()));
        assertSameAsReference(out);
    }

    @Test
    void sigtermWritesACheckpointAndExitsWithOneLine() throws Exception {
        Path out = dir.resolve("run");
        Path log = dir.resolve("term.log");
        Process p = start(out, log, job.toString(), "--out", out.toString());
        awaitCheckpoint(p, out, 5, log);
        p.destroy();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(143, p.exitValue(), read(log));
        String stopped = read(log).lines().filter(l -> l.startsWith("stopped: ")).findFirst()
                .orElseThrow(() -> new AssertionError("no 'stopped:' line in\n" + read(log)));
        assertTrue(stopped.contains("received SIGTERM or SIGINT; checkpoint ") && stopped.contains("Resume with: java -jar"
                + " faltung-examples.jar train --resume " + out), stopped);
        Path written = Path.of(stopped.replaceAll(".*checkpoint (\\S+) written.*", "$1"));
        Checkpoint.read(written);
        assertEquals(CheckpointStore.stepOf(written),
                CheckpointStore.stepOf(CheckpointStore.list(out.resolve(JobRunner.CHECKPOINTS)).get(2)));
        assertFalse(Files.exists(out.resolve(JobRunner.WEIGHTS_FILE)), "stopped before the end");

        assertEquals(0, Main.run("train", "--resume", out.toString()));
        assertSameAsReference(out);
    }
}
