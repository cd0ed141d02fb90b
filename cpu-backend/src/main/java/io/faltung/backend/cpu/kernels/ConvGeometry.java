package io.faltung.backend.cpu.kernels;

import io.faltung.spi.ConvSpec;
import io.faltung.spi.View;

import java.util.Arrays;

/**
 * The extents of one convolution — input {@code [n, c, h, w]}, filters {@code [k, c/groups, r, s]},
 * output {@code [n, k, p, q]} — checked once against the three views of a call, plus the derived
 * sizes the lowering and the GEMMs use.
 */
record ConvGeometry(ConvSpec spec, int n, int c, int h, int w, int k, int r, int s, int p, int q) {

    /** Checks {@code x}, {@code filters} and {@code y} (named {@code yRole}) against {@code spec}. */
    static ConvGeometry of(String op, ConvSpec spec, View x, View filters, View y, String xRole, String wRole, String yRole) {
        int[] out;
        try {
            out = spec.outputShape(x.shape(), filters.shape());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(op + ": " + e.getMessage(), e);
        }
        DenseOperands.require(op, xRole, x, x.shape(), x);
        DenseOperands.require(op, wRole, filters, filters.shape(), x);
        if (!Arrays.equals(out, y.shape())) {
            throw new IllegalArgumentException(op + ": " + yRole + " has shape " + Arrays.toString(y.shape()) + " but "
                    + xRole + " " + Arrays.toString(x.shape()) + " and " + wRole + " " + Arrays.toString(filters.shape())
                    + " give " + Arrays.toString(out) + " (" + spec + ")");
        }
        DenseOperands.require(op, yRole, y, out, x);
        int[] xs = x.shape();
        int[] ws = filters.shape();
        return new ConvGeometry(spec, xs[0], xs[1], xs[2], xs[3], ws[0], ws[2], ws[3], out[2], out[3]);
    }

    int groups() {
        return spec.groups();
    }

    /** Input channels per group. */
    int channelsPerGroup() {
        return c / spec.groups();
    }

    /** Filters (output channels) per group. */
    int filtersPerGroup() {
        return k / spec.groups();
    }

    /** Rows of one group's lowered matrix: {@code c/groups · r · s}. */
    int groupRows() {
        return channelsPerGroup() * r * s;
    }

    /** Elements of one image's lowered matrix {@code [c·r·s, p·q]}. */
    int loweredSize() {
        return c * r * s * p * q;
    }

    /** Elements of one input image. */
    int imageSize() {
        return c * h * w;
    }

    /** Output positions per image and channel: {@code p · q}. */
    int outputPlane() {
        return p * q;
    }
}
