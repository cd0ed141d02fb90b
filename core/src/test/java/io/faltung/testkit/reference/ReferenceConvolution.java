package io.faltung.testkit.reference;

import io.faltung.spi.ConvSpec;
import io.faltung.spi.View;
import java.util.Arrays;

/**
 * Reference kernels for the three convolution primitives, from one definition: the convolution is
 * the bilinear form {@code y[n,k,p,q] = Σ x[n, g·C/G + c, p·sh − ph + r·dh, q·sw − pw + s·dw] · w[k,c,r,s]}
 * over the taps that land inside the input (zero padding contributes nothing). {@link #taps} lists
 * every such (x, w, y) index triple once; forward, backward-data and backward-filter are the three
 * partial sums over that same list, so they cannot disagree about geometry.
 */
public final class ReferenceConvolution {
    private ReferenceConvolution() {
    }

    /** One term of the bilinear form: flat row-major indices into x, w and y. */
    @FunctionalInterface
    private interface Tap {
        void accept(int xi, int wi, int yi);
    }

    /** {@code y = conv(x, w)}. */
    public static void forward(ConvSpec spec, View x, View w, View y) {
        check("convForward", spec, x, w, y, "y");
        double[] xs = Elements.read(x);
        double[] ws = Elements.read(w);
        double[] ys = new double[Math.toIntExact(y.size())];
        taps(spec, x.shape(), w.shape(), (xi, wi, yi) -> ys[yi] += xs[xi] * ws[wi]);
        Elements.write("convForward", y, ys);
    }

    /** {@code dx} (overwritten) = ∂(Σ dy·y)/∂x. */
    public static void backwardData(ConvSpec spec, View dy, View w, View dx) {
        check("convBackwardData", spec, dx, w, dy, "dy");
        double[] dys = Elements.read(dy);
        double[] ws = Elements.read(w);
        double[] dxs = new double[Math.toIntExact(dx.size())];
        taps(spec, dx.shape(), w.shape(), (xi, wi, yi) -> dxs[xi] += dys[yi] * ws[wi]);
        Elements.write("convBackwardData", dx, dxs);
    }

    /** {@code dw} (overwritten) = ∂(Σ dy·y)/∂w. */
    public static void backwardFilter(ConvSpec spec, View x, View dy, View dw) {
        check("convBackwardFilter", spec, x, dw, dy, "dy");
        double[] xs = Elements.read(x);
        double[] dys = Elements.read(dy);
        double[] dws = new double[Math.toIntExact(dw.size())];
        taps(spec, x.shape(), dw.shape(), (xi, wi, yi) -> dws[wi] += xs[xi] * dys[yi]);
        Elements.write("convBackwardFilter", dw, dws);
    }

    private static void taps(ConvSpec spec, int[] xShape, int[] wShape, Tap tap) {
        int[] yShape = spec.outputShape(xShape, wShape);
        int n = xShape[0];
        int channels = xShape[1];
        int height = xShape[2];
        int width = xShape[3];
        int filters = wShape[0];
        int perGroup = wShape[1];
        int fh = wShape[2];
        int fw = wShape[3];
        int outH = yShape[2];
        int outW = yShape[3];
        int filtersPerGroup = filters / spec.groups();
        for (int b = 0; b < n; b++) {
            for (int k = 0; k < filters; k++) {
                int firstChannel = (k / filtersPerGroup) * perGroup;
                for (int p = 0; p < outH; p++) {
                    for (int q = 0; q < outW; q++) {
                        int yi = ((b * filters + k) * outH + p) * outW + q;
                        for (int c = 0; c < perGroup; c++) {
                            for (int r = 0; r < fh; r++) {
                                int h = p * spec.strideH() - spec.padH() + r * spec.dilationH();
                                for (int s = 0; s < fw; s++) {
                                    int v = q * spec.strideW() - spec.padW() + s * spec.dilationW();
                                    if (h >= 0 && h < height && v >= 0 && v < width) {
                                        int xi = ((b * channels + firstChannel + c) * height + h) * width + v;
                                        int wi = ((k * perGroup + c) * fh + r) * fw + s;
                                        tap.accept(xi, wi, yi);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /** Shapes via {@link ConvSpec#outputShape}, then dtypes and contiguity (the SPI's input rule). */
    private static void check(String op, ConvSpec spec, View x, View w, View y, String yName) {
        int[] expected;
        try {
            expected = spec.outputShape(x.shape(), w.shape());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(op + ": " + e.getMessage(), e);
        }
        if (!Arrays.equals(expected, y.shape())) {
            throw new IllegalArgumentException(op + ": " + yName + " has shape " + Arrays.toString(y.shape()) + " but input "
                    + Arrays.toString(x.shape()) + " and filters " + Arrays.toString(w.shape()) + " give "
                    + Arrays.toString(expected) + " (" + spec + ")");
        }
        Elements.requireFloating(op, "x", x);
        for (View v : new View[] {x, w, y}) {
            Elements.requireDType(op, "every operand", v, x.dtype());
            Elements.requireContiguous(op, v);
        }
    }
}
