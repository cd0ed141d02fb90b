package io.faltung.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.faltung.spi.DType;
import io.faltung.tensor.RandomStream;
import io.faltung.tensor.Scope;
import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StreamingTest {
    private static final List<Activation> ACTIVATIONS = List.of(Activation.IDENTITY, Activation.TANH, Activation.RELU,
            Activation.leakyRelu(0.1), Activation.SIGMOID);

    /** A random causal stack: 1–3 Conv1D layers with activations, sometimes an activation layer, dropout or batch norm. */
    private static Sequential randomCausalStack(SplittableRandom random, int outChannels) {
        List<Layer> layers = new ArrayList<>();
        int depth = random.nextInt(1, 4);
        for (int i = 0; i < depth; i++) {
            int filters = i == depth - 1 ? outChannels : random.nextInt(1, 4);
            layers.add(new Conv1D(filters, random.nextInt(1, 6)).padding(Padding.CAUSAL).dilation(random.nextInt(1, 4))
                    .bias(random.nextBoolean()).activation(ACTIVATIONS.get(random.nextInt(ACTIVATIONS.size()))));
            switch (random.nextInt(5)) {
                case 0 -> layers.add(new ActivationLayer(Activation.TANH));
                case 1 -> layers.add(new Dropout(0.5));
                case 2 -> layers.add(new BatchNormalization());
                default -> { }
            }
        }
        return new Sequential(layers.toArray(Layer[]::new));
    }

    private static void randomiseStatistics(Sequential model, RandomStream r) {
        model.buffers().forEach((name, t) -> t.assign(r.uniform(t.shape(), 0.5, 2).to(t.dtype())));
        model.parameters().forEach((name, t) -> {
            if (name.endsWith("bias")) {
                t.assign(r.normal(t.shape(), 0, 0.5).to(t.dtype()));
            }
        });
    }

    @Test
    void streamingInRandomBlocksEqualsTheWholeSignalForRandomCausalStacks() {
        SplittableRandom random = new SplittableRandom(99);
        for (int trial = 0; trial < 12; trial++) {
            int channels = random.nextInt(1, 4);
            int length = random.nextInt(15, 30);
            Sequential model = randomCausalStack(random, random.nextInt(1, 3));
            model.build(Shape.of(channels, length), new RandomStream(trial));
            model.to(DType.FLOAT64);
            RandomStream r = new RandomStream(100 + trial);
            randomiseStatistics(model, r);
            try (Scope scope = Scope.open(); Streaming stream = model.streaming()) {
                Tensor x = ConvLayerTest.random(r, 2, channels, length);
                Tensor whole = model.predict(x);
                List<Tensor> pieces = new ArrayList<>();
                for (int t = 0; t < length; ) {
                    int block = Math.min(length - t, random.nextInt(1, 5));
                    pieces.add(stream.step(x.slice(2, t, t + block)));
                    t += block;
                }
                Tensor streamed = Tensor.concat(2, pieces.toArray(Tensor[]::new));
                assertEquals(whole.shape(), streamed.shape(), model.toString());
                assertArrayEquals(whole.toDoubleArray(), streamed.toDoubleArray(), 1e-6, model.toString());
            }
            model.close();
        }
    }

    @Test
    void aMonoModelStreamsSampleBySampleInFloat32() {
        SplittableRandom random = new SplittableRandom(7);
        for (int trial = 0; trial < 4; trial++) {
            Sequential model = randomCausalStack(random, 1);
            model.build(Shape.of(1, 40), new RandomStream(trial));
            randomiseStatistics(model, new RandomStream(trial + 50));
            try (Scope scope = Scope.open(); Streaming stream = model.streaming()) {
                Tensor x = new RandomStream(trial + 9).normal(Shape.of(1, 1, 40), 0, 1);
                float[] whole = model.predict(x).toFloatArray();
                float[] samples = x.toFloatArray();
                float[] streamed = new float[samples.length];
                for (int t = 0; t < samples.length; t++) {
                    streamed[t] = stream.step(samples[t]);
                }
                assertArrayEquals(whole, streamed, 1e-6f, model.toString());
            }
            model.close();
        }
    }

    @Test
    void refusesModelsThatCannotStream() {
        Sequential same = new Sequential(new Conv1D(2, 3).padding(Padding.SAME));
        same.build(Shape.of(1, 10));
        IllegalStateException e = assertThrows(IllegalStateException.class, same::streaming);
        assertEquals("Conv1D(2, 3, same) cannot stream: only causal padding makes output t independent of inputs after t;"
                + " build the model with padding(Padding.CAUSAL)", e.getMessage());
        Sequential dense = new Sequential(new Conv1D(2, 3).padding(Padding.CAUSAL), new Flatten(), new Dense(1));
        dense.build(Shape.of(1, 10));
        e = assertThrows(IllegalStateException.class, dense::streaming);
        assertEquals("flatten_1 Flatten() cannot stream: it does not act on each time step (streaming takes causal Conv1D,"
                + " activations, dropout, batch normalisation)", e.getMessage());
        Sequential strided = new Sequential(new Conv1D(2, 3).padding(Padding.CAUSAL).stride(2));
        strided.build(Shape.of(1, 10));
        assertThrows(IllegalStateException.class, strided::streaming);
        Sequential softmax = new Sequential(new Conv1D(2, 3).padding(Padding.CAUSAL),
                new ActivationLayer(Activation.SOFTMAX));
        softmax.build(Shape.of(1, 10));
        assertThrows(IllegalStateException.class, softmax::streaming);
        Sequential image = new Sequential(new Conv2D(2, 3));
        image.build(Shape.of(1, 5, 5));
        assertThrows(IllegalStateException.class, image::streaming);
    }

    @Test
    void checksBlocksAndFreesItsHistory() {
        Sequential model = new Sequential(new Conv1D(2, 4).padding(Padding.CAUSAL), new Conv1D(1, 3).padding(Padding.CAUSAL));
        model.build(Shape.of(3, 8));
        try (Streaming stream = model.streaming()) {
            assertThrows(IllegalArgumentException.class, () -> stream.step(new float[] {1, 2}), "three channels");
            assertThrows(IllegalStateException.class, () -> stream.step(1f), "three channels in");
            assertEquals(1, stream.step(new float[] {1, 2, 3}).length);
            assertThrows(IllegalArgumentException.class, () -> stream.step(Tensor.zeros(2, 3, 1)), "batch changed");
            assertThrows(IllegalArgumentException.class, () -> stream.step(Tensor.zeros(DType.FLOAT64, Shape.of(1, 3, 1))));
        }
        model.close();
    }
}
