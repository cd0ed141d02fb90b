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

class PoolingLayerTest {

    /**
     * Pooling as a direct loop over {@code x [N, C, H, W]} with zero padding {@code pads[axis] =
     * {before, after}}: max over in-bounds positions; the mean over in-bounds positions, or over the
     * whole window when {@code countPadding}.
     */
    private static double[] directPool(double[] x, int[] xs, boolean max, boolean countPadding, int[] window,
            int[] stride, int[][] pads) {
        int[] out = {(xs[2] + pads[0][0] + pads[0][1] - window[0]) / stride[0] + 1,
            (xs[3] + pads[1][0] + pads[1][1] - window[1]) / stride[1] + 1};
        double[] y = new double[xs[0] * xs[1] * out[0] * out[1]];
        int o = 0;
        for (int nc = 0; nc < xs[0] * xs[1]; nc++) {
            for (int i = 0; i < out[0]; i++) {
                for (int j = 0; j < out[1]; j++) {
                    double best = Double.NEGATIVE_INFINITY;
                    double sum = 0;
                    int count = 0;
                    for (int r = 0; r < window[0]; r++) {
                        for (int s = 0; s < window[1]; s++) {
                            int row = i * stride[0] + r - pads[0][0];
                            int col = j * stride[1] + s - pads[1][0];
                            if (row >= 0 && row < xs[2] && col >= 0 && col < xs[3]) {
                                double v = x[(nc * xs[2] + row) * xs[3] + col];
                                best = Math.max(best, v);
                                sum += v;
                                count++;
                            }
                        }
                    }
                    y[o++] = max ? best : sum / (countPadding ? window[0] * window[1] : count);
                }
            }
        }
        return y;
    }

    @Test
    void poolingMatchesADirectLoopForEveryWindowStrideAndPadding() {
        RandomStream r = new RandomStream(21);
        int cases = 0;
        for (boolean max : new boolean[] {true, false}) {
            for (int[] window : new int[][] {{2, 2}, {3, 2}, {1, 3}}) {
                for (int[] stride : new int[][] {{1, 1}, {2, 3}, null}) {
                    for (String padding : List.of("valid", "same", "explicit")) {
                        PoolingLayer<?> oneD = max ? new MaxPool1D(window[1]) : new AvgPool1D(window[1]);
                        PoolingLayer<?> twoD = max ? new MaxPool2D(window[0], window[1]) : new AvgPool2D(window[0], window[1]);
                        for (PoolingLayer<?> layer : List.of(oneD, twoD)) {
                            int rank = layer == oneD ? 1 : 2;
                            if (stride != null) {
                                layer.stride(rank == 1 ? new int[] {stride[1]} : stride);
                            }
                            if (padding.equals("same")) {
                                layer.padding(Padding.SAME);
                            } else if (padding.equals("explicit")) {
                                layer.padding(rank == 1 ? new int[] {window[1] - 1} : new int[] {window[0] - 1, window[1] - 1});
                            }
                            assertMatchesDirectLoop(layer, max, padding, rank == 1 ? new int[] {2, 7} : new int[] {2, 7, 8}, r);
                            cases++;
                        }
                    }
                }
            }
        }
        assertEquals(108, cases);
    }

    private static void assertMatchesDirectLoop(PoolingLayer<?> layer, boolean max, String padding, int[] sample,
            RandomStream r) {
        Shape out = layer.build(Shape.of(sample));
        Tensor x = ConvLayerTest.random(r, Shape.of(sample).prepend(3).toArray());
        Tensor y = layer.forward(x, false);
        boolean oneD = sample.length == 2;
        int[] xs = oneD ? new int[] {3, sample[0], 1, sample[1]} : new int[] {3, sample[0], sample[1], sample[2]};
        int[] window = oneD ? new int[] {1, layer.window()[0]} : layer.window();
        int[] stride = oneD ? new int[] {1, layer.stride()[0]} : layer.stride();
        int[][] pads = new int[2][];
        for (int a = 0; a < 2; a++) {
            pads[a] = padding.equals("valid") || (oneD && a == 0) ? new int[] {0, 0}
                    : padding.equals("explicit") ? new int[] {window[a] - 1, window[a] - 1}
                    : DirectConvolution.pads(Padding.SAME, xs[a + 2], window[a], stride[a], 1);
        }
        double[] expected = directPool(x.toDoubleArray(), xs, max, padding.equals("explicit"), window, stride, pads);
        assertEquals(out.prepend(3), y.shape(), layer.toString());
        assertArrayEquals(expected, y.toDoubleArray(), 1e-12, layer.toString());
    }

    @Test
    void samePaddingNeverLetsAZeroWinOrCountInAnAverage() {
        Tensor x = Tensor.of(new float[] {-5, -4, -3, -2, -1}, 1, 1, 5);
        MaxPool1D max = new MaxPool1D(2).padding(Padding.SAME);
        assertEquals(Shape.of(1, 3), max.build(Shape.of(1, 5)));
        assertArrayEquals(new float[] {-4, -2, -1}, max.forward(x, false).toFloatArray(), "the padded end is not a 0");
        AvgPool1D avg = new AvgPool1D(2).padding(Padding.SAME);
        avg.build(Shape.of(1, 5));
        assertArrayEquals(new float[] {-4.5f, -2.5f, -1}, avg.forward(x, false).toFloatArray());
        AvgPool1D counted = new AvgPool1D(2).padding(1);
        counted.build(Shape.of(1, 5));
        assertArrayEquals(new float[] {-2.5f, -3.5f, -1.5f}, counted.forward(x, false).toFloatArray(),
                "PyTorch padding counts the zeros");
    }

    @Test
    void gradientsMatchCentralDifferences() {
        RandomStream r = new RandomStream(3);
        List<PoolingLayer<?>> layers = List.of(new MaxPool2D(2), new MaxPool2D(3, 2).stride(1, 2).padding(Padding.SAME),
                new AvgPool2D(2, 3).padding(Padding.SAME), new AvgPool1D(3).stride(2).padding(1),
                new MaxPool1D(2).padding(Padding.SAME));
        for (PoolingLayer<?> layer : layers) {
            Shape sample = layer.window().length == 1 ? Shape.of(2, 5) : Shape.of(2, 5, 5);
            layer.build(sample);
            Tensor x = ConvLayerTest.random(r, sample.prepend(2).toArray());
            GradCheck.standard().check(layer.toString(), in -> layer.forward(in[0], true), x);
        }
    }

    @Test
    void globalAveragePoolingAveragesEachChannel() {
        GlobalAveragePooling2D g = new GlobalAveragePooling2D();
        assertEquals(Shape.of(2), g.build(Shape.of(2, 2, 2)));
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 10, 20, 30, 40}, 1, 2, 2, 2);
        assertArrayEquals(new float[] {2.5f, 25}, g.forward(x, false).toFloatArray());
        GlobalAveragePooling1D g1 = new GlobalAveragePooling1D();
        assertEquals(Shape.of(3), g1.build(Shape.of(3, 7)));
        assertThrows(IncompatibleInputException.class, () -> new GlobalAveragePooling1D().build(Shape.of(3, 7, 7)));
        Tensor s = ConvLayerTest.random(new RandomStream(4), 2, 3, 7);
        GradCheck.standard().check("GlobalAveragePooling1D", in -> g1.forward(in[0], true), s);
        assertEquals("GlobalAveragePooling2D()", g.toString());
    }

    @Test
    void describesItselfAndRejectsImpossibleConfigurations() {
        assertEquals("MaxPool2D(2)", new MaxPool2D(2).toString());
        assertEquals("AvgPool2D(3x2, stride 1, same)", new AvgPool2D(3, 2).stride(1).padding(Padding.SAME).toString());
        assertEquals("MaxPool1D(3, stride 2, padding 1)", new MaxPool1D(3).stride(2).padding(1).toString());
        assertThrows(IllegalArgumentException.class, () -> new MaxPool2D(2).padding(Padding.CAUSAL));
        assertThrows(IllegalArgumentException.class, () -> new MaxPool2D(2).padding(2), "padding must be below the window");
        assertThrows(IllegalArgumentException.class, () -> new MaxPool2D(0));
        MaxPool2D p = new MaxPool2D(2);
        assertEquals(0, p.parameterCount());
        assertEquals(DType.FLOAT32, p.dtype());
    }
}
