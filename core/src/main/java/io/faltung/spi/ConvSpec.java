package io.faltung.spi;

import java.util.Arrays;

/**
 * Geometry of a 2-D convolution (cross-correlation, as in PyTorch and Keras) over NCHW tensors:
 * input {@code x [N, C, H, W]}, filters {@code w [K, C/groups, R, S]}, output {@code y [N, K, P, Q]} with
 * {@code P = (H + 2·padH − dilationH·(R−1) − 1) / strideH + 1} and likewise {@code Q}. A 1-D
 * convolution is the case {@code H = R = 1}. Padding is symmetric zero padding; asymmetric schemes
 * (Keras {@code same} with even kernels, causal) are expressed by padding the input explicitly.
 * Output channel {@code k} of group {@code g = k / (K/groups)} reads input channels
 * {@code g·C/groups … (g+1)·C/groups − 1}.
 */
public record ConvSpec(int strideH, int strideW, int padH, int padW, int dilationH, int dilationW, int groups) {

    /** Validates that strides, dilations and groups are positive and paddings non-negative. */
    public ConvSpec {
        if (strideH < 1 || strideW < 1 || dilationH < 1 || dilationW < 1 || groups < 1 || padH < 0 || padW < 0) {
            throw new IllegalArgumentException("invalid convolution geometry: stride " + strideH + "x" + strideW
                    + ", padding " + padH + "x" + padW + ", dilation " + dilationH + "x" + dilationW + ", groups " + groups);
        }
    }

    /** Stride 1, no padding, no dilation, one group. */
    public static ConvSpec unit() {
        return new ConvSpec(1, 1, 0, 0, 1, 1, 1);
    }

    /** Output height for input height {@code h} and filter height {@code r} (may be ≤ 0 if impossible). */
    public int outputHeight(int h, int r) {
        return Math.floorDiv(h + 2 * padH - dilationH * (r - 1) - 1, strideH) + 1;
    }

    /** Output width for input width {@code w} and filter width {@code s} (may be ≤ 0 if impossible). */
    public int outputWidth(int w, int s) {
        return Math.floorDiv(w + 2 * padW - dilationW * (s - 1) - 1, strideW) + 1;
    }

    /**
     * The output shape {@code [N, K, P, Q]} for input shape {@code x [N, C, H, W]} and filter shape
     * {@code w [K, C/groups, R, S]}. Throws {@link IllegalArgumentException} naming both shapes when
     * they do not fit together: ranks other than 4, empty extents (N = 0 excepted), channels not
     * divisible by the groups, filters wider than the padded input.
     */
    public int[] outputShape(int[] x, int[] w) {
        String shapes = "input " + Arrays.toString(x) + ", filters " + Arrays.toString(w) + ", " + this;
        if (x.length != 4 || w.length != 4) {
            throw new IllegalArgumentException("convolution needs rank-4 input [N, C, H, W] and filters [K, C/groups, R, S]: "
                    + shapes);
        }
        if (x[0] < 0 || x[1] < 1 || x[2] < 1 || x[3] < 1 || w[0] < 1 || w[1] < 1 || w[2] < 1 || w[3] < 1) {
            throw new IllegalArgumentException("convolution with an empty extent: " + shapes);
        }
        if (x[1] % groups != 0 || w[0] % groups != 0 || w[1] != x[1] / groups) {
            throw new IllegalArgumentException("convolution channels do not match: " + x[1] + " input channels in "
                    + groups + " group(s) need filters [K, " + (x[1] % groups == 0 ? x[1] / groups : "?")
                    + ", R, S] with K divisible by " + groups + ": " + shapes);
        }
        int p = outputHeight(x[2], w[2]);
        int q = outputWidth(x[3], w[3]);
        if (p < 1 || q < 1) {
            throw new IllegalArgumentException("convolution filters (dilated) do not fit in the padded input, output would be "
                    + p + "x" + q + ": " + shapes);
        }
        return new int[] {x[0], w[0], p, q};
    }
}
