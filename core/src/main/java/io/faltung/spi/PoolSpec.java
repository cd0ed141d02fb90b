package io.faltung.spi;

import java.util.Arrays;

/**
 * Geometry of 2-D pooling over NCHW tensors: {@code x [N, C, H, W] → y [N, C, P, Q]} with
 * {@code P = (H + 2·padH − windowH) / strideH + 1} and likewise {@code Q}.
 *
 * <p>MAX treats padding as −∞ and, in backward, routes each output's gradient to the first maximum
 * of its window in row-major order. The average modes divide by the whole window
 * ({@link Mode#AVG_INCLUDE_PADDING}, PyTorch's default) or by the in-bounds elements only
 * ({@link Mode#AVG_EXCLUDE_PADDING}, Keras' {@code same}).
 */
public record PoolSpec(Mode mode, int windowH, int windowW, int strideH, int strideW, int padH, int padW) {

    /** What a window computes. */
    public enum Mode { MAX, AVG_INCLUDE_PADDING, AVG_EXCLUDE_PADDING }

    /** Validates the geometry (padding must be smaller than the window, as cuDNN requires). */
    public PoolSpec {
        if (windowH < 1 || windowW < 1 || strideH < 1 || strideW < 1 || padH < 0 || padW < 0 || padH >= windowH
                || padW >= windowW) {
            throw new IllegalArgumentException("invalid pooling geometry: window " + windowH + "x" + windowW
                    + ", stride " + strideH + "x" + strideW + ", padding " + padH + "x" + padW);
        }
    }

    /** Output height for input height {@code h}. */
    public int outputHeight(int h) {
        return Math.floorDiv(h + 2 * padH - windowH, strideH) + 1;
    }

    /** Output width for input width {@code w}. */
    public int outputWidth(int w) {
        return Math.floorDiv(w + 2 * padW - windowW, strideW) + 1;
    }

    /**
     * The output shape {@code [N, C, P, Q]} for input shape {@code x [N, C, H, W]}. Throws
     * {@link IllegalArgumentException} naming the shape when it is not rank 4, has an empty extent
     * (N = 0 excepted) or is smaller than the window even with padding.
     */
    public int[] outputShape(int[] x) {
        String shape = "input " + Arrays.toString(x) + ", " + this;
        if (x.length != 4 || x[0] < 0 || x[1] < 1 || x[2] < 1 || x[3] < 1) {
            throw new IllegalArgumentException("pooling needs a non-empty rank-4 input [N, C, H, W]: " + shape);
        }
        int p = outputHeight(x[2]);
        int q = outputWidth(x[3]);
        if (p < 1 || q < 1) {
            throw new IllegalArgumentException("pooling window does not fit in the padded input, output would be " + p + "x"
                    + q + ": " + shape);
        }
        return new int[] {x[0], x[1], p, q};
    }
}
