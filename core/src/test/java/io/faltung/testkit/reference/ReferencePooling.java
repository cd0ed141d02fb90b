package io.faltung.testkit.reference;

import io.faltung.spi.PoolSpec;
import io.faltung.spi.View;
import java.util.Arrays;

/**
 * Reference kernels for pooling. {@link #windows} lists, for every output element, the in-bounds
 * input elements of its window in row-major order (padding is never read: −∞ for MAX, zero for the
 * averages, and every window holds at least one input element because padding is smaller than the
 * window). Forward reduces each list; backward routes each output gradient back along the same
 * list: to the first maximum for MAX, evenly (over the window or over the list) for the averages.
 */
public final class ReferencePooling {
    private ReferencePooling() {
    }

    /** One window: output index and the flat indices of its in-bounds inputs. */
    @FunctionalInterface
    private interface Window {
        void accept(int yi, int[] inputs, int count);
    }

    /** {@code y = pool(x)}. */
    public static void forward(PoolSpec spec, View x, View y) {
        check("poolForward", spec, x, y, "y");
        double[] xs = Elements.read(x);
        double[] ys = new double[Math.toIntExact(y.size())];
        windows(spec, x.shape(), (yi, inputs, count) -> {
            if (spec.mode() == PoolSpec.Mode.MAX) {
                ys[yi] = xs[inputs[firstMax(xs, inputs, count)]];
            } else {
                double sum = 0;
                for (int j = 0; j < count; j++) {
                    sum += xs[inputs[j]];
                }
                ys[yi] = sum / divisor(spec, count);
            }
        });
        Elements.write("poolForward", y, ys);
    }

    /** {@code dx} (overwritten) from {@code dy}; {@code y} is checked for shape but MAX routing follows {@code x}. */
    public static void backward(PoolSpec spec, View x, View y, View dy, View dx) {
        check("poolBackward", spec, x, y, "y");
        check("poolBackward", spec, dx, dy, "dy");
        Elements.requireSameShape("poolBackward", "x", x, dx);
        double[] xs = Elements.read(x);
        double[] dys = Elements.read(dy);
        double[] dxs = new double[Math.toIntExact(dx.size())];
        windows(spec, x.shape(), (yi, inputs, count) -> {
            if (spec.mode() == PoolSpec.Mode.MAX) {
                dxs[inputs[firstMax(xs, inputs, count)]] += dys[yi];
            } else {
                for (int j = 0; j < count; j++) {
                    dxs[inputs[j]] += dys[yi] / divisor(spec, count);
                }
            }
        });
        Elements.write("poolBackward", dx, dxs);
    }

    /** Position in {@code inputs} of the first largest element (NaN counts as largest). */
    private static int firstMax(double[] xs, int[] inputs, int count) {
        int best = 0;
        for (int j = 1; j < count; j++) {
            double v = xs[inputs[j]];
            if (v > xs[inputs[best]] || (Double.isNaN(v) && !Double.isNaN(xs[inputs[best]]))) {
                best = j;
            }
        }
        return best;
    }

    private static double divisor(PoolSpec spec, int count) {
        return spec.mode() == PoolSpec.Mode.AVG_INCLUDE_PADDING ? spec.windowH() * spec.windowW() : count;
    }

    private static void windows(PoolSpec spec, int[] xShape, Window window) {
        int[] yShape = spec.outputShape(xShape);
        int height = xShape[2];
        int width = xShape[3];
        int outH = yShape[2];
        int outW = yShape[3];
        int[] inputs = new int[spec.windowH() * spec.windowW()];
        for (int plane = 0; plane < xShape[0] * xShape[1]; plane++) {
            for (int p = 0; p < outH; p++) {
                for (int q = 0; q < outW; q++) {
                    int count = 0;
                    for (int r = 0; r < spec.windowH(); r++) {
                        int h = p * spec.strideH() - spec.padH() + r;
                        for (int s = 0; s < spec.windowW(); s++) {
                            int v = q * spec.strideW() - spec.padW() + s;
                            if (h >= 0 && h < height && v >= 0 && v < width) {
                                inputs[count++] = (plane * height + h) * width + v;
                            }
                        }
                    }
                    window.accept((plane * outH + p) * outW + q, inputs, count);
                }
            }
        }
    }

    private static void check(String op, PoolSpec spec, View x, View y, String yName) {
        int[] expected;
        try {
            expected = spec.outputShape(x.shape());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(op + ": " + e.getMessage(), e);
        }
        if (!Arrays.equals(expected, y.shape())) {
            throw new IllegalArgumentException(op + ": " + yName + " has shape " + Arrays.toString(y.shape()) + " but input "
                    + Arrays.toString(x.shape()) + " gives " + Arrays.toString(expected) + " (" + spec + ")");
        }
        Elements.requireFloating(op, "x", x);
        for (View v : new View[] {x, y}) {
            Elements.requireDType(op, "every operand", v, x.dtype());
            Elements.requireContiguous(op, v);
        }
    }
}
