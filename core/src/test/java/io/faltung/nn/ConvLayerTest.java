package io.faltung.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.faltung.spi.DType;
import io.faltung.tensor.RandomStream;
import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;
import io.faltung.testkit.GradCheck;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ConvLayerTest {

    static Tensor random(RandomStream r, int... shape) {
        return r.normal(Shape.of(shape), 0, 1).to(DType.FLOAT64);
    }

    @Test
    void conv2dMatchesADirectLoopForEveryPaddingStrideDilationGroupingAndBias() {
        RandomStream r = new RandomStream(7);
        int cases = 0;
        for (Padding padding : List.of(Padding.VALID, Padding.SAME, Padding.FULL)) {
            for (int[] stride : new int[][] {{1, 1}, {2, 3}}) {
                for (int[] dilation : new int[][] {{1, 1}, {2, 1}}) {
                    for (int groups : new int[] {1, 2}) {
                        for (int[] kernel : new int[][] {{3, 2}, {1, 4}}) {
                            Conv2D layer = new Conv2D(4, kernel[0], kernel[1]).padding(padding).stride(stride)
                                    .dilation(dilation).groups(groups).bias(cases % 2 == 0);
                            assertMatchesDirectLoop(layer, new int[] {4, 7, 8}, r);
                            cases++;
                        }
                    }
                }
            }
        }
        assertEquals(48, cases);
    }

    @Test
    void conv1dMatchesADirectLoopForEveryPaddingStrideDilationGroupingAndBias() {
        RandomStream r = new RandomStream(8);
        int cases = 0;
        for (Padding padding : Padding.values()) {
            for (int stride : new int[] {1, 2, 3}) {
                for (int dilation : new int[] {1, 2}) {
                    for (int groups : new int[] {1, 3}) {
                        for (int kernel : new int[] {1, 2, 4}) {
                            Conv1D layer = new Conv1D(3, kernel).padding(padding).stride(stride).dilation(dilation)
                                    .groups(groups).bias(cases % 3 != 0);
                            assertMatchesDirectLoop(layer, new int[] {3, 11}, r);
                            cases++;
                        }
                    }
                }
            }
        }
        assertEquals(144, cases);
    }

    private static void assertMatchesDirectLoop(ConvLayer<?> layer, int[] sample, RandomStream r) {
        layer.build(Shape.of(sample), r);
        layer.to(DType.FLOAT64);
        if (layer.hasBias()) {
            layer.parameters().get("bias").assign(random(r, layer.filters()));
        }
        int[] batch = new int[sample.length + 1];
        batch[0] = 2;
        System.arraycopy(sample, 0, batch, 1, sample.length);
        Tensor x = random(r, batch);
        Tensor y = layer.forward(x, false);

        boolean oneD = sample.length == 2;
        int[] xs = oneD ? new int[] {2, sample[0], 1, sample[1]} : batch;
        int[] ws = layer.parameters().get("weight").shape().toArray();
        int[] ws4 = oneD ? new int[] {ws[0], ws[1], 1, ws[2]} : ws;
        int[] stride = lift(layer.stride());
        int[] dilation = lift(layer.dilation());
        int[][] pads = new int[2][];
        pads[0] = oneD ? new int[] {0, 0} : DirectConvolution.pads(layer.padding(), xs[2], ws4[2], stride[0], dilation[0]);
        pads[1] = DirectConvolution.pads(layer.padding(), xs[3], ws4[3], stride[1], dilation[1]);
        double[] bias = layer.hasBias() ? layer.parameters().get("bias").toDoubleArray() : null;
        double[] expected = DirectConvolution.compute(x.toDoubleArray(), xs, layer.parameters().get("weight").toDoubleArray(),
                ws4, bias, stride, dilation, pads, layer.groups());
        int[] pq = DirectConvolution.outputSize(xs[2], xs[3], ws4[2], ws4[3], stride, dilation, pads);
        Shape expectedShape = oneD ? Shape.of(2, layer.filters(), pq[1]) : Shape.of(2, layer.filters(), pq[0], pq[1]);
        assertEquals(expectedShape, y.shape(), layer.toString());
        assertEquals(expectedShape.dropFirst(), layer.outputShape(), layer.toString());
        assertArrayEquals(expected, y.toDoubleArray(), 1e-12, layer.toString());
        if (layer.padding() == Padding.SAME) {
            int last = sample[sample.length - 1];
            int strideLast = layer.stride()[layer.stride().length - 1];
            assertEquals((last + strideLast - 1) / strideLast, y.shape().dim(-1), "same keeps ⌈n / s⌉: " + layer);
        }
        layer.close();
    }

    private static int[] lift(int[] perAxis) {
        return perAxis.length == 1 ? new int[] {1, perAxis[0]} : perAxis;
    }

    @Test
    void computesCrossCorrelationWithEachPaddingModeLikeKerasAndPyTorch() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4}, 1, 1, 4);
        float[][] expected = {
            {21, 32, 43},           // valid: y[t] = x[t] + 10·x[t+1] (not flipped)
            {21, 32, 43, 4},        // same, even kernel: the odd zero goes at the end
            {10, 21, 32, 43},       // causal: one zero before
            {10, 21, 32, 43, 4}};   // full: one zero on both sides
        for (Padding p : Padding.values()) {
            Conv1D c = new Conv1D(1, 2).padding(p).bias(false);
            c.build(Shape.of(1, 4));
            c.parameters().get("weight").assign(Tensor.of(new float[] {1, 10}, 1, 1, 2));
            assertArrayEquals(expected[p.ordinal()], c.forward(x, false).toFloatArray(), p.toString());
            c.close();
        }
    }

    @Test
    void averagesTheSixBySixImageWithAndWithoutPadding() {
        float[] image = {4, 1, 2, 9, 8, 6, 9, 5, 9, 5, 8, 5, 1, 5, 9, 7, 6, 4, 2, 9, 8, 3, 7, 1, 8, 1, 6, 4, 2, 2, 1, 0, 5, 7, 8, 2};
        Conv2D valid = new Conv2D(1, 3).bias(false).weightInit(io.faltung.nn.init.Initializer.constant(1.0 / 9));
        assertEquals(Shape.of(1, 4, 4), valid.build(Shape.of(1, 6, 6)));
        float[] y = valid.forward(Tensor.of(image, 1, 1, 6, 6), false).toFloatArray();
        assertArrayEquals(new float[] {5, 52f / 9, 7, 58f / 9}, Arrays.copyOf(y, 4), 1e-5f);
        Conv2D same = new Conv2D(1, 3).bias(false).padding(Padding.SAME)
                .weightInit(io.faltung.nn.init.Initializer.constant(1.0 / 9));
        assertEquals(Shape.of(1, 6, 6), same.build(Shape.of(1, 6, 6)));
        float[] padded = same.forward(Tensor.of(image, 1, 1, 6, 6), false).toFloatArray();
        assertEquals((4 + 1 + 9 + 5) / 9f, padded[0], 1e-5f, "zero padding counts in the corner average");
        assertEquals(y[0], padded[7], 1e-5f, "the interior equals the valid result");
    }

    @Test
    void stride1ConvolutionsAreTranslationEquivariant() {
        SplittableRandom random = new SplittableRandom(2024);
        RandomStream r = new RandomStream(5);
        for (int trial = 0; trial < 24; trial++) {
            boolean oneD = random.nextBoolean();
            int rank = oneD ? 1 : 2;
            int channels = random.nextInt(1, 4);
            int filters = random.nextInt(1, 4);
            int[] kernel = random.ints(rank, 1, 5).toArray();
            int[] dilation = random.ints(rank, 1, 3).toArray();
            List<Padding> modes = oneD ? List.of(Padding.values()) : List.of(Padding.VALID, Padding.SAME, Padding.FULL);
            Padding padding = modes.get(random.nextInt(modes.size()));
            int[] sample = new int[rank + 1];
            int[] shift = new int[rank];
            sample[0] = channels;
            for (int a = 0; a < rank; a++) {
                sample[a + 1] = dilation[a] * (kernel[a] - 1) + 1 + random.nextInt(0, 5);
                shift[a] = random.nextInt(1, 4);
            }
            ConvLayer<?> layer = conv(oneD, filters, kernel).padding(padding).dilation(dilation);
            ConvLayer<?> moved = conv(oneD, filters, kernel).padding(padding).dilation(dilation);
            Shape in = Shape.of(sample);
            Shape shifted = in;
            for (int a = 0; a < rank; a++) {
                shifted = shifted.with(a + 1, sample[a + 1] + shift[a]);
            }
            layer.build(in, r);
            moved.build(shifted, r);
            layer.to(DType.FLOAT64);
            moved.to(DType.FLOAT64);
            moved.parameters().get("weight").assign(layer.parameters().get("weight"));
            moved.parameters().get("bias").assign(random(r, filters));
            layer.parameters().get("bias").assign(moved.parameters().get("bias"));

            Tensor x = random(r, in.prepend(2).toArray());
            int[] before = new int[rank + 2];
            System.arraycopy(shift, 0, before, 2, rank);
            Tensor y = layer.forward(x, false);
            Tensor yMoved = moved.forward(x.pad(before, new int[rank + 2]), false);
            for (int a = 0; a < rank; a++) {
                yMoved = yMoved.slice(a + 2, shift[a], yMoved.shape().dim(a + 2));
            }
            String what = layer + " on " + in + " shifted by " + Arrays.toString(shift);
            assertEquals(y.shape(), yMoved.shape(), what);
            assertArrayEquals(y.toDoubleArray(), yMoved.contiguous().toDoubleArray(), 1e-12, what);
            layer.close();
            moved.close();
        }
    }

    private static ConvLayer<?> conv(boolean oneD, int filters, int[] kernel) {
        return oneD ? new Conv1D(filters, kernel[0]) : new Conv2D(filters, kernel[0], kernel[1]);
    }

    @Test
    void gradientsMatchCentralDifferences() {
        RandomStream r = new RandomStream(13);
        List<ConvLayer<?>> layers = List.of(
                new Conv1D(2, 3).padding(Padding.CAUSAL).dilation(2).activation(Activation.TANH),
                new Conv1D(4, 2).padding(Padding.SAME).stride(2).groups(2),
                new Conv2D(2, 2, 3).padding(Padding.SAME).stride(2, 3).activation(Activation.SIGMOID),
                new Conv2D(4, 3, 1).padding(Padding.FULL).dilation(1, 2).groups(2),
                new Conv2D(1, 2).bias(false));
        for (ConvLayer<?> layer : layers) {
            boolean oneD = layer instanceof Conv1D;
            Shape sample = oneD ? Shape.of(2, 5) : Shape.of(2, 4, 5);
            layer.build(sample, r);
            Tensor x = random(r, sample.prepend(2).toArray());
            Tensor w = random(r, layer.parameters().get("weight").shape().toArray());
            Tensor b = random(r, layer.filters());
            if (layer.hasBias()) {
                GradCheck.standard().check(layer.toString(), in -> layer.apply(in[0], in[1], in[2], layer.padding()), x, w, b);
            } else {
                GradCheck.standard().check(layer.toString(), in -> layer.apply(in[0], in[1], null, layer.padding()), x, w);
            }
            layer.close();
        }
    }

    @Test
    void hasPyTorchLayoutsAndDescribesItself() {
        Conv2D c = new Conv2D(6, 5, 3).groups(3).stride(2, 1).activation(Activation.RELU);
        assertEquals(Shape.of(6, 8, 10), c.build(Shape.of(3, 20, 12)));
        assertEquals(List.of("weight", "bias"), List.copyOf(c.parameters().keySet()));
        assertEquals(Shape.of(6, 1, 5, 3), c.parameters().get("weight").shape());
        assertEquals(Shape.of(6), c.parameters().get("bias").shape());
        assertEquals("Conv2D(6, 5x3, stride 2x1, groups 3, relu)", c.toString());
        Conv1D d = new Conv1D(1, 8).padding(Padding.CAUSAL).bias(false);
        d.build(Shape.of(2, 23));
        assertEquals(Shape.of(1, 2, 8), d.parameters().get("weight").shape());
        assertEquals("Conv1D(1, 8, causal, no bias)", d.toString());
        assertEquals("Conv2D(20, 5)", new Conv2D(20, 5).toString());
        assertThrows(IllegalArgumentException.class, () -> new Conv2D(3, 3).padding(Padding.CAUSAL));
        assertThrows(IllegalArgumentException.class, () -> new Conv2D(3, 3).groups(2), "filters not divisible");
        assertThrows(IllegalArgumentException.class, () -> new Conv2D(3, 0));
        assertThrows(IllegalArgumentException.class, () -> new Conv2D(3, 3).stride(1, 2, 3));
        assertThrows(IllegalStateException.class, () -> c.stride(1), "configure before build");
        c.close();
        d.close();
    }
}
