package io.faltung.spi;

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
}
