package io.faltung.io.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.faltung.io.safetensors.HostTensor;
import io.faltung.io.safetensors.SafetensorsFile;
import io.faltung.nn.Activation;
import io.faltung.nn.BatchNormalization;
import io.faltung.nn.Conv1D;
import io.faltung.nn.Conv2D;
import io.faltung.nn.Dense;
import io.faltung.nn.Flatten;
import io.faltung.nn.GlobalAveragePooling2D;
import io.faltung.nn.Sequential;
import io.faltung.tensor.Scope;
import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Convolution and batch-normalisation state in PyTorch's layout: nn.Conv1d / nn.Conv2d weights
 * {@code [out, in/groups, …kernel]} load unchanged and compute PyTorch's cross-correlation (written
 * out here), and a BatchNorm2d state_dict as {@code safetensors.torch.save_file} writes it (with an
 * I64 {@code num_batches_tracked}) loads and normalises with its running statistics.
 */
class ConvNormTorchLayoutTest {
    @TempDir
    Path dir;

    private static float[] ramp(int n, double scale, double offset) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (Math.sin(1.3 * i + offset) * scale);
        }
        return v;
    }

    private static float[] predict(Sequential model, float[] x, int... shape) {
        try (Scope s = Scope.open()) {
            return model.predict(Tensor.of(x, shape)).toFloatArray();
        }
    }

    @Test
    void conv2dWithGroupsStrideAndDilationComputesTorchsCrossCorrelation() {
        // nn.Conv2d(4, 6, (2, 3), stride=(1, 2), dilation=(2, 1), groups=2) on [1, 4, 5, 7]
        int n = 1, c = 4, h = 5, w = 7, k = 6, g = 2, kh = 2, kw = 3, sh = 1, sw = 2, dh = 2, dw = 1;
        float[] weight = ramp(k * (c / g) * kh * kw, 0.5, 0.1);
        float[] bias = ramp(k, 0.2, 2);
        float[] x = ramp(n * c * h * w, 1, 0.7);
        try (Sequential model = new Sequential(new Conv2D(k, kh, kw).stride(sh, sw).dilation(dh, dw).groups(g))) {
            model.build(Shape.of(c, h, w));
            Weights.load(model, Map.of("0.weight", HostTensor.ofFloats(weight, k, c / g, kh, kw),
                    "0.bias", HostTensor.ofFloats(bias, k)), TorchNames.of(model), "torch state_dict");
            int oh = (h - dh * (kh - 1) - 1) / sh + 1;
            int ow = (w - dw * (kw - 1) - 1) / sw + 1;
            float[] y = predict(model, x, n, c, h, w);
            assertEquals(k * oh * ow, y.length);
            for (int o = 0; o < k; o++) {
                int group = o / (k / g);
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        double sum = bias[o];
                        for (int ci = 0; ci < c / g; ci++) {
                            for (int r = 0; r < kh; r++) {
                                for (int s = 0; s < kw; s++) {
                                    int channel = group * (c / g) + ci;
                                    sum += weight[((o * (c / g) + ci) * kh + r) * kw + s]
                                            * x[(channel * h + i * sh + r * dh) * w + j * sw + s * dw];
                                }
                            }
                        }
                        assertEquals(sum, y[(o * oh + i) * ow + j], 1e-5, "output " + o + ", " + i + ", " + j);
                    }
                }
            }
        }
    }

    @Test
    void conv1dWeightsAreOutInKernel() {
        // nn.Conv1d(2, 3, 3, dilation=2, bias=False) on [1, 2, 8]
        float[] weight = ramp(3 * 2 * 3, 0.7, 0.3);
        float[] x = ramp(2 * 8, 1, 1.1);
        try (Sequential model = new Sequential(new Conv1D(3, 3).dilation(2).bias(false))) {
            model.build(Shape.of(2, 8));
            assertEquals(Map.of("conv1d_1.weight", "0.weight"), TorchNames.of(model));
            Weights.load(model, Map.of("0.weight", HostTensor.ofFloats(weight, 3, 2, 3)), TorchNames.of(model), "torch");
            float[] y = predict(model, x, 1, 2, 8);
            for (int o = 0; o < 3; o++) {
                for (int t = 0; t < 4; t++) {
                    double sum = 0;
                    for (int ci = 0; ci < 2; ci++) {
                        for (int r = 0; r < 3; r++) {
                            sum += weight[(o * 2 + ci) * 3 + r] * x[ci * 8 + t + 2 * r];
                        }
                    }
                    assertEquals(sum, y[o * 4 + t], 1e-5);
                }
            }
        }
    }

    @Test
    void aBatchNorm2dStateDictWithItsInt64CounterLoadsAndSavesBack() throws Exception {
        // torch: Sequential(Conv2d(1, 2, 1), ReLU(), BatchNorm2d(2, eps=1e-5), Flatten(), Linear(8, 1))
        float[] mean = {0.5f, -1};
        float[] var = {4, 0.25f};
        float[] gamma = {2, 3};
        float[] beta = {0.5f, -1};
        float[] convWeight = {1, -2};
        float[] convBias = {0, 3};
        float[] linear = ramp(8, 1, 0.4);
        Path file = dir.resolve("torch.safetensors");
        Files.write(file, new TorchFiles().f32("0.weight", convWeight, 2, 1, 1, 1).f32("0.bias", convBias, 2)
                .f32("2.weight", gamma, 2).f32("2.bias", beta, 2).f32("2.running_mean", mean, 2)
                .f32("2.running_var", var, 2).i64("2.num_batches_tracked", 1234)
                .f32("4.weight", linear, 1, 8).f32("4.bias", new float[] {0.25f}, 1).bytes());
        try (Sequential model = new Sequential(new Conv2D(2, 1).activation(Activation.RELU), new BatchNormalization(),
                new Flatten(), new Dense(1))) {
            model.build(Shape.of(1, 2, 2));
            Map<String, String> names = TorchNames.of(model);
            assertEquals("2.running_var", names.get("batch_normalization_1.running_var"));
            assertEquals("2.num_batches_tracked", names.get("batch_normalization_1.num_batches_tracked"));
            assertEquals("4.weight", names.get("dense_1.weight"));
            Weights.load(model, file, names);
            assertArrayEquals(new int[] {1234}, model.buffers().get("batch_normalization_1.num_batches_tracked")
                    .toIntArray());
            float[] x = {1, -0.5f, 2, 0.25f};
            double expected = 0.25;
            for (int ch = 0; ch < 2; ch++) {
                for (int p = 0; p < 4; p++) {
                    double conv = Math.max(0, convWeight[ch] * x[p] + convBias[ch]);
                    double bn = (conv - mean[ch]) / Math.sqrt(var[ch] + 1e-5) * gamma[ch] + beta[ch];
                    expected += linear[ch * 4 + p] * bn;
                }
            }
            assertEquals(expected, predict(model, x, 1, 1, 2, 2)[0], 1e-5, "inference uses the loaded running statistics");
            Path back = dir.resolve("back.safetensors");
            Weights.save(model, back, names, Map.of("format", "pt"));
            try (SafetensorsFile f = SafetensorsFile.open(back)) {
                assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias", "2.running_mean",
                        "2.running_var", "2.num_batches_tracked"), f.names());
                assertEquals(HostTensor.ofFloats(var, 2), f.read("2.running_var"));
                assertEquals(HostTensor.ofInts(new int[] {1234}), f.read("2.num_batches_tracked"));
            }
        }
    }

    @Test
    void globalPoolingCountsAsAdaptivePoolingAndFlatten() {
        try (Sequential model = new Sequential(new Conv2D(3, 3), new GlobalAveragePooling2D(), new Dense(2),
                new BatchNormalization().affine(false))) {
            model.build(Shape.of(1, 5, 5));
            // Conv2d(0), AdaptiveAvgPool2d(1)(1), Flatten(2), Linear(3), BatchNorm1d(4)
            Map<String, String> names = TorchNames.of(model);
            assertEquals("3.weight", names.get("dense_1.weight"));
            assertEquals("4.running_mean", names.get("batch_normalization_1.running_mean"));
            assertEquals(7, names.size());
        }
    }
}
