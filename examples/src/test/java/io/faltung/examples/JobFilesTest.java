package io.faltung.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.faltung.io.job.JobRunner;
import io.faltung.io.job.JobSpec;
import io.faltung.io.safetensors.SafetensorsFile;
import io.faltung.nn.Sequential;
import io.faltung.tensor.Shape;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job files shipped in {@code examples/jobs/} parse, describe the models they claim, and train
 * a few steps (on the CPU backend, with their MNIST data swapped for a few offline blobs of the
 * same image shape), writing PyTorch-named weights.
 */
class JobFilesTest {
    private static final Path JOBS = Path.of("jobs");

    @TempDir
    Path dir;

    @Test
    void everyShippedJobFileParses() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(JOBS)) {
            files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertTrue(files.size() >= 3, "job files in " + JOBS.toAbsolutePath() + ": " + files);
        for (Path file : files) {
            JobSpec job = JobSpec.read(file);
            assertEquals(file.getFileName().toString(), job.name() + ".json", "a job is named like its file");
        }
    }

    @Test
    void theLeNetJobIsLeNet() throws IOException {
        JobSpec job = JobSpec.read(JOBS.resolve("mnist-cnn.json"));
        try (Sequential model = job.newModel()) {
            assertEquals("Sequential(Conv2D(20, 5, relu), MaxPool2D(2), Conv2D(50, 5, relu), MaxPool2D(2), Flatten(),"
                    + " Dense(500, relu), Dense(10))", model.toString());
            assertEquals(Shape.of(10), model.outputShapeFor(Shape.of(1, 28, 28)));
        }
    }

    /** Trains {@code file}'s job for one short epoch on 48 offline blobs shaped like MNIST images. */
    private Path trainBriefly(String file) throws IOException {
        JsonObject job = JsonParser.parseString(Files.readString(JOBS.resolve(file))).getAsJsonObject();
        JsonObject blobs = new JsonObject();
        blobs.addProperty("name", "blobs");
        blobs.addProperty("samples", 48);
        JsonArray shape = new JsonArray();
        List.of(1, 28, 28).forEach(shape::add);
        blobs.add("shape", shape);
        blobs.addProperty("classes", 10);
        blobs.addProperty("validation", 16);
        job.add("data", blobs);
        job.addProperty("epochs", 1);
        job.addProperty("batch_size", 16);
        job.remove("schedule");
        Path jobFile = dir.resolve(file);
        Files.writeString(jobFile, job.toString(), StandardCharsets.UTF_8);
        Path out = dir.resolve("out-" + file);
        assertEquals(0, Main.run("train", jobFile.toString(), "--out", out.toString(), "--backend", "cpu"));
        return out;
    }

    @Test
    void theLeNetJobTrainsAndWritesPyTorchNamedWeights() throws IOException {
        Path out = trainBriefly("mnist-cnn.json");
        try (SafetensorsFile f = SafetensorsFile.open(out.resolve(JobRunner.WEIGHTS_FILE))) {
            // Conv2d(0), ReLU(1), MaxPool2d(2), Conv2d(3), ReLU(4), MaxPool2d(5), Flatten(6), Linear(7), ReLU(8), Linear(9)
            assertEquals(List.of("0.weight", "0.bias", "3.weight", "3.bias", "7.weight", "7.bias", "9.weight", "9.bias"),
                    f.names());
            assertEquals(Shape.of(50, 20, 5, 5), f.read("3.weight").shape());
        }
        assertEquals(3, JsonParser.parseString(Files.readString(out.resolve("metrics.json"))).getAsJsonObject()
                .get("steps").getAsInt());
    }

    @Test
    void theBatchNormalizedJobSavesItsRunningStatistics() throws IOException {
        Path out = trainBriefly("mnist-cnn-bn.json");
        try (SafetensorsFile f = SafetensorsFile.open(out.resolve(JobRunner.WEIGHTS_FILE))) {
            assertTrue(f.names().containsAll(List.of("1.running_mean", "1.running_var", "1.num_batches_tracked",
                    "5.running_var")), f.names().toString());
            assertEquals(3, f.read("1.num_batches_tracked").ints()[0]);
        }
    }

    @Test
    void theLstmJobReadsImageRowsAsTimeSteps() throws IOException {
        Path out = trainBriefly("mnist-lstm.json");
        try (SafetensorsFile f = SafetensorsFile.open(out.resolve(JobRunner.WEIGHTS_FILE))) {
            // Unflatten/view(1), LSTM(1), Linear(2): reshape counts as a module without parameters
            assertEquals(Shape.of(4 * 128, 28), f.read("1.weight_ih_l0").shape());
            assertEquals(Shape.of(4 * 128, 128), f.read("1.weight_ih_l1").shape());
            assertEquals(Shape.of(10, 128), f.read("2.weight").shape());
        }
    }
}
