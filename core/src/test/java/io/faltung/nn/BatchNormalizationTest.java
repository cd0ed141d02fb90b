package io.faltung.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.faltung.spi.DType;
import io.faltung.tensor.RandomStream;
import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;
import io.faltung.testkit.GradCheck;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchNormalizationTest {
    // two samples, two channels, three positions: channel 0 holds 1..6, channel 1 holds 10, 10, 10, 40, 40, 40
    private static final double[] X = {1, 2, 3, 10, 10, 10, 4, 5, 6, 40, 40, 40};

    @Test
    void trainingNormalisesWithBatchStatisticsAndUpdatesTheRunningOnes() {
        BatchNormalization bn = new BatchNormalization().momentum(0.25);
        bn.build(Shape.of(2, 3));
        bn.to(DType.FLOAT64);
        double[] y = bn.forward(Tensor.of(X, 2, 2, 3), true).toDoubleArray();
        double sd0 = Math.sqrt(17.5 / 6 + 1e-5);   // channel 0: mean 3.5, biased variance 17.5 / 6
        double sd1 = Math.sqrt(225 + 1e-5);        // channel 1: mean 25, variance 225
        assertArrayEquals(new double[] {-2.5 / sd0, -1.5 / sd0, -0.5 / sd0, -15 / sd1, -15 / sd1, -15 / sd1,
            0.5 / sd0, 1.5 / sd0, 2.5 / sd0, 15 / sd1, 15 / sd1, 15 / sd1}, y, 1e-12);
        assertArrayEquals(new double[] {0.25 * 3.5, 0.25 * 25}, bn.buffers().get("running_mean").toDoubleArray(), 1e-12);
        assertArrayEquals(new double[] {0.75 + 0.25 * 17.5 / 5, 0.75 + 0.25 * 225 * 6 / 5},
                bn.buffers().get("running_var").toDoubleArray(), 1e-12, "the running variance is unbiased");
        assertArrayEquals(new int[] {1}, bn.buffers().get("num_batches_tracked").toIntArray());
        bn.forward(Tensor.of(X, 2, 2, 3), true);
        bn.forward(Tensor.of(X, 2, 2, 3), false);
        assertArrayEquals(new int[] {2}, bn.buffers().get("num_batches_tracked").toIntArray(), "training batches only");
        bn.close();
    }

    @Test
    void inferenceUsesTheRunningStatisticsAndTheAffineParameters() {
        BatchNormalization bn = new BatchNormalization().epsilon(0.01);
        bn.build(Shape.of(2, 3));
        bn.to(DType.FLOAT64);
        bn.buffers().get("running_mean").assign(Tensor.of(new double[] {1, -2}, 2));
        bn.buffers().get("running_var").assign(Tensor.of(new double[] {3.99, 0.24}, 2));
        bn.parameters().get("weight").assign(Tensor.of(new double[] {2, 3}, 2));
        bn.parameters().get("bias").assign(Tensor.of(new double[] {0.5, -1}, 2));
        double[] y = bn.forward(Tensor.of(X, 2, 2, 3), false).toDoubleArray();
        for (int i = 0; i < X.length; i++) {
            int c = (i / 3) % 2;
            double expected = c == 0 ? 2 * (X[i] - 1) / 2 + 0.5 : 3 * (X[i] + 2) / 0.5 - 1;
            assertEquals(expected, y[i], 1e-12, "element " + i);
        }
        bn.close();
    }

    @Test
    void usesPyTorchStateNamesAndConvertsItsBuffers() {
        Sequential model = new Sequential(new Conv2D(3, 1), new BatchNormalization(), new BatchNormalization().affine(false));
        model.build(Shape.of(2, 4, 4));
        assertEquals(List.of("conv2d_1.weight", "conv2d_1.bias", "batch_normalization_1.weight",
                "batch_normalization_1.bias"), List.copyOf(model.parameters().keySet()));
        assertEquals(List.of("batch_normalization_1.running_mean", "batch_normalization_1.running_var",
                "batch_normalization_1.num_batches_tracked", "batch_normalization_2.running_mean",
                "batch_normalization_2.running_var", "batch_normalization_2.num_batches_tracked"),
                List.copyOf(model.buffers().keySet()));
        assertArrayEquals(new float[] {1, 1, 1}, model.buffers().get("batch_normalization_1.running_var").toFloatArray());
        model.to(DType.FLOAT64);
        assertEquals(DType.FLOAT64, model.buffers().get("batch_normalization_2.running_mean").dtype());
        assertEquals(DType.INT32, model.buffers().get("batch_normalization_2.num_batches_tracked").dtype(),
                "a counter keeps its type");
        assertEquals(Shape.scalar(), model.buffers().get("batch_normalization_2.num_batches_tracked").shape());
        assertEquals("BatchNormalization(momentum 0.5, no affine)", new BatchNormalization().momentum(0.5).affine(false)
                .toString());
        model.close();
    }

    @Test
    void gradientsFlowThroughTheBatchStatistics() {
        BatchNormalization bn = new BatchNormalization();
        bn.build(Shape.of(3, 2, 2));
        bn.to(DType.FLOAT64);
        RandomStream r = new RandomStream(17);
        Tensor x = ConvLayerTest.random(r, 2, 3, 2, 2);
        Tensor gamma = ConvLayerTest.random(r, 3);
        Tensor beta = ConvLayerTest.random(r, 3);
        GradCheck.standard().check("BatchNormalization training", in -> bn.normalise(in[0], in[1], in[2], true),
                x, gamma, beta);
        BatchNormalization features = new BatchNormalization().affine(false);
        features.build(Shape.of(4));
        features.to(DType.FLOAT64);
        GradCheck.standard().check("BatchNormalization [F]", in -> features.normalise(in[0], null, null, true),
                ConvLayerTest.random(r, 5, 4));
    }

    @Test
    void rejectsABatchWithOneValuePerChannelInTraining() {
        BatchNormalization bn = new BatchNormalization();
        bn.build(Shape.of(4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> bn.forward(Tensor.zeros(1, 4), true));
        assertEquals("BatchNormalization() needs more than one value per channel in training to estimate a variance,"
                + " but gets a batch [1, 4]; use a larger batch", e.getMessage());
        assertEquals(Shape.of(1, 4), bn.forward(Tensor.zeros(1, 4), false).shape(), "inference takes one sample");
        assertThrows(IncompatibleInputException.class, () -> new BatchNormalization().build(Shape.scalar()));
        assertThrows(IllegalArgumentException.class, () -> new BatchNormalization().momentum(0));
    }
}
