package io.faltung.io.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faltung.io.safetensors.HostTensor;
import io.faltung.io.safetensors.SafetensorsFile;
import io.faltung.nn.Activation;
import io.faltung.nn.BatchNormalization;
import io.faltung.nn.Conv2D;
import io.faltung.nn.ActivationLayer;
import io.faltung.nn.Dense;
import io.faltung.nn.Dropout;
import io.faltung.nn.Flatten;
import io.faltung.nn.MaxPool2D;
import io.faltung.nn.Sequential;
import io.faltung.tensor.RandomStream;
import io.faltung.tensor.Scope;
import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saving and loading weights, in Faltung's names and in PyTorch's state_dict layout. */
class WeightsTest {
    @TempDir
    Path dir;

    private static Sequential mlp(long seed) {
        Sequential m = new Sequential(new Dense(3).activation(Activation.RELU), new Dense(2));
        m.build(Shape.of(4), new RandomStream(seed));
        return m;
    }

    private static float[] predict(Sequential model, float[] x, int rows) {
        try (Scope s = Scope.open()) {
            return model.predict(Tensor.of(x, rows, x.length / rows)).toFloatArray();
        }
    }

    @Test
    void saveThenLoadGivesIdenticalPredictions() throws Exception {
        float[] x = {0.5f, -1, 2, 0.25f, -3, 1, 0, 1.5f};
        Path file = dir.resolve("mlp.safetensors");
        try (Sequential trained = mlp(1); Sequential fresh = mlp(2)) {
            Weights.save(trained, file, Map.of(), Map.of("note", "test"));
            float[] before = predict(fresh, x, 2);
            Weights.load(fresh, file, Map.of());
            float[] expected = predict(trained, x, 2);
            assertArrayEquals(expected, predict(fresh, x, 2));
            assertTrue(before[0] != expected[0] || before[1] != expected[1], "the load changed something");
        }
    }

    @Test
    void buffersAreSavedAndLoadedWithTheParameters() throws Exception {
        // Training moves batch normalisation's running statistics; inference depends on them.
        float[] x = {0.5f, -1, 2, 0.25f, -3, 1, 0, 1.5f, 1, 1, -2, 0.5f};
        Path file = dir.resolve("bn.safetensors");
        try (Sequential trained = normalised(1); Sequential fresh = normalised(1)) {
            try (Scope s = Scope.open()) {
                for (int step = 0; step < 3; step++) {
                    trained.forward(Tensor.of(x, 3, 4).mul(step + 1), true);
                }
            }
            Weights.save(trained, file, Map.of(), Map.of());
            float[] expected = predict(trained, x, 3);
            assertTrue(expected[0] != predict(fresh, x, 3)[0], "the running statistics changed the output");
            Weights.load(fresh, file, Map.of());
            assertArrayEquals(expected, predict(fresh, x, 3));
            assertEquals(Weights.of(trained), Weights.of(fresh));
            try (SafetensorsFile f = SafetensorsFile.open(file)) {
                assertEquals(HostTensor.ofInts(new int[] {3}), f.read("batch_normalization_1.num_batches_tracked"));
            }
        }
    }

    private static Sequential normalised(long seed) {
        Sequential m = new Sequential(new Dense(3), new BatchNormalization(), new Dense(2));
        m.build(Shape.of(4), new RandomStream(seed));
        return m;
    }

    @Test
    void aHandBuiltFileInPyTorchLayoutLoadsIntoTheMatchingModel() throws Exception {
        // torch.nn.Sequential(Linear(2, 3), ReLU(), Linear(3, 1)): keys 0.weight [3, 2], 0.bias, 2.weight [1, 3], 2.bias
        float[] firstWeight = {1, 0, 0, 1, 1, -1};
        Path file = dir.resolve("torch.safetensors");
        Files.write(file, new TorchFiles().f32("0.weight", firstWeight, 3, 2).f32("0.bias", new float[] {0, 0, 0.5f}, 3)
                .f32("2.weight", new float[] {1, 2, 3}, 1, 3).f32("2.bias", new float[] {-1}, 1).bytes());
        try (Sequential model = new Sequential(new Dense(3).activation(Activation.RELU), new Dense(1))) {
            model.build(Shape.of(2));
            assertEquals(Map.of("dense_1.weight", "0.weight", "dense_1.bias", "0.bias", "dense_2.weight", "2.weight",
                    "dense_2.bias", "2.bias"), TorchNames.of(model));
            Weights.load(model, file, TorchNames.of(model));
            // x = (2, 1): hidden = relu(2, 1, 1.5) ; y = 2 + 2 + 4.5 - 1 = 7.5
            assertArrayEquals(new float[] {7.5f}, predict(model, new float[] {2, 1}, 1));
            Path back = dir.resolve("back.safetensors");
            Weights.save(model, back, TorchNames.of(model), Map.of("format", "pt"));
            try (SafetensorsFile f = SafetensorsFile.open(back)) {
                assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), f.names());
                assertEquals(HostTensor.ofFloats(firstWeight, 3, 2), f.read("0.weight"));
            }
        }
    }

    @Test
    void torchNamesCountActivationDropoutFlattenAndNestedModules() {
        try (Sequential model = new Sequential(new Flatten(), new Dense(4).activation(Activation.TANH), new Dropout(0.1),
                new Sequential(new Dense(3), new ActivationLayer(Activation.RELU), new Dense(2)))) {
            model.build(Shape.of(2, 2));
            Map<String, String> names = TorchNames.of(model);
            assertEquals("1.weight", names.get("dense_1.weight"));
            assertEquals("4.0.weight", names.get("sequential_1.dense_1.weight"));
            assertEquals("4.2.bias", names.get("sequential_1.dense_2.bias"));
            assertEquals(6, names.size());
        }
    }

    @Test
    void torchNamesOfALeNetFollowNnSequentialIndices() {
        try (Sequential model = new Sequential(new Conv2D(4, 3).activation(Activation.RELU), new MaxPool2D(2),
                new Flatten(), new Dense(3))) {
            model.build(Shape.of(1, 8, 8));
            Map<String, String> names = TorchNames.of(model);
            // Conv2d(0), ReLU(1), MaxPool2d(2), Flatten(3), Linear(4)
            assertEquals("0.weight", names.get("conv2d_1.weight"));
            assertEquals("0.bias", names.get("conv2d_1.bias"));
            assertEquals("4.weight", names.get("dense_1.weight"));
            assertEquals(4, names.size());
        }
    }

    @Test
    void mismatchesAreReportedBeforeAnythingChanges() {
        try (Sequential model = mlp(1)) {
            Map<String, HostTensor> good = Weights.of(model);
            Map<String, HostTensor> renamed = new LinkedHashMap<>(good);
            renamed.put("extra", renamed.remove("dense_2.bias"));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Weights.load(model, renamed, Map.of(), "file.safetensors"));
            assertTrue(e.getMessage().contains("missing [dense_2.bias]") && e.getMessage().contains("unexpected [extra]"),
                    e.getMessage());
            Map<String, HostTensor> transposed = new LinkedHashMap<>(good);
            transposed.put("dense_1.weight", HostTensor.ofFloats(new float[12], 4, 3));
            e = assertThrows(IllegalArgumentException.class,
                    () -> Weights.load(model, transposed, Map.of(), "file.safetensors"));
            assertTrue(e.getMessage().contains("'dense_1.weight' is FLOAT32 [4, 3] but parameter 'dense_1.weight'"),
                    e.getMessage());
            assertEquals(good, Weights.of(model), "unchanged");
        }
    }
}
