package io.faltung.benchmarks;

import java.util.Random;

/**
 * The work that Faltung and its peers are timed on (issue 7), in one place so that both sides of
 * every comparison use the same shapes: SGEMM N=1024, the two LeNet convolution layers, an LSTM
 * layer of batch 32 × 50 steps × 32 inputs → 128 hidden, and a LeNet training step of batch 64
 * with Adam on MNIST-shaped data.
 */
final class Workloads {
    /** The side of the square SGEMM. */
    static final int GEMM_N = 1024;

    /** The LeNet batch, also the batch of both convolution layers. */
    static final int BATCH = 64;
    /** Side of an MNIST image. */
    static final int IMAGE = 28;
    /** Side of every LeNet convolution kernel. */
    static final int KERNEL = 5;
    /** Filters of the first and the second LeNet convolution. */
    static final int CONV1_FILTERS = 20;
    static final int CONV2_FILTERS = 50;
    /** Side of the second convolution's input (28 − 4, pooled by 2). */
    static final int CONV2_IMAGE = 12;
    /** Units of LeNet's hidden dense layer, and its classes. */
    static final int DENSE = 500;
    static final int CLASSES = 10;
    /** Adam's learning rate in the LeNet step (the one mnist-cnn starts with). */
    static final float LEARNING_RATE = 1e-3f;

    /** The LSTM layer: batch, time steps, input features, hidden units. */
    static final int LSTM_BATCH = 32;
    static final int LSTM_STEPS = 50;
    static final int LSTM_INPUTS = 32;
    static final int LSTM_HIDDEN = 128;

    private Workloads() {
    }

    /** {@code count} values uniform in [lo, hi), the same for the same seed on both sides. */
    static float[] uniform(long seed, int count, float lo, float hi) {
        Random random = new Random(seed);
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = lo + (hi - lo) * random.nextFloat();
        }
        return values;
    }

    /** {@code count} class labels in [0, {@link #CLASSES}). */
    static int[] labels(long seed, int count) {
        Random random = new Random(seed);
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = random.nextInt(CLASSES);
        }
        return labels;
    }

    /** The product of {@code dims}, the element count of a tensor of that shape. */
    static int count(int... dims) {
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }
}
