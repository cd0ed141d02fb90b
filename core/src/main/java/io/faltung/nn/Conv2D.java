package io.faltung.nn;

/**
 * A 2-D convolution layer over images laid out channels-first, {@code [channels, height, width]}
 * per sample (batches {@code [N, C, H, W]}, as PyTorch's {@code nn.Conv2d}).
 *
 * <p>Computes cross-correlation (see {@link ConvLayer}); {@code weight} is
 * {@code [filters, channels/groups, kernelH, kernelW]} and {@code bias} {@code [filters]}. Kernels,
 * strides and dilations may differ between the axes:
 *
 * <pre>{@code
 * new Conv2D(20, 5).activation(Activation.RELU)          // 20 maps, 5×5, valid
 * new Conv2D(7, 7, 1).padding(Padding.SAME)               // 7×1 kernels, output as large as the input
 * new Conv2D(1, 4, 4).stride(2, 3)                        // 2 rows down, 3 columns across per step
 * }</pre>
 *
 * Padding modes: {@link Padding#VALID}, {@link Padding#SAME}, {@link Padding#FULL} (causal is 1-D only).
 */
public final class Conv2D extends ConvLayer<Conv2D> {
    /** {@code filters} maps with square {@code kernel × kernel} kernels. */
    public Conv2D(int filters, int kernel) {
        this(filters, kernel, kernel);
    }

    /** {@code filters} maps with {@code kernelHeight × kernelWidth} kernels. */
    public Conv2D(int filters, int kernelHeight, int kernelWidth) {
        super(filters, new int[] {kernelHeight, kernelWidth});
    }
}
