package io.faltung.spi;

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
}
