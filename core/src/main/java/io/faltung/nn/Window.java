package io.faltung.nn;

import io.faltung.tensor.Shape;
import java.util.Arrays;

/**
 * The per-axis geometry of a window sliding over the spatial axes of a channels-first sample
 * ({@code [channels, length]} or {@code [channels, height, width]}): kernel taps, stride and
 * dilation for each spatial axis. Shared by the convolution and pooling layers.
 */
record Window(int[] kernel, int[] stride, int[] dilation) {

    /** Validates that every value is positive and the three arrays have one entry per spatial axis. */
    Window {
        kernel = positive("kernel", kernel, kernel.length);
        stride = positive("stride", stride, kernel.length);
        dilation = positive("dilation", dilation, kernel.length);
    }

    /** Spreads {@code values} to {@code rank} axes: one value for every axis, or one per axis. */
    static int[] perAxis(String what, int[] values, int rank) {
        if (values.length == 1) {
            int[] all = new int[rank];
            Arrays.fill(all, values[0]);
            return positive(what, all, rank);
        }
        return positive(what, values, rank);
    }

    private static int[] positive(String what, int[] values, int rank) {
        if (values.length != rank) {
            throw new IllegalArgumentException(what + " needs one value or " + rank + " (one per spatial axis), not "
                    + Arrays.toString(values));
        }
        for (int v : values) {
            if (v < 1) {
                throw new IllegalArgumentException(what + " must be positive, not " + Arrays.toString(values));
            }
        }
        return values.clone();
    }

    /** The number of spatial axes. */
    int rank() {
        return kernel.length;
    }

    /** Samples the dilated window spans on {@code axis}: {@code d·(k − 1) + 1}. */
    int extent(int axis) {
        return dilation[axis] * (kernel[axis] - 1) + 1;
    }

    /** The zeros {@code {before, after}} that {@code mode} adds to each spatial axis of {@code sample}. */
    int[][] pads(Shape sample, Padding mode) {
        int[][] pads = new int[rank()][];
        for (int a = 0; a < rank(); a++) {
            pads[a] = mode.amounts(sample.dim(a + 1), kernel[a], stride[a], dilation[a]);
        }
        return pads;
    }

    /** Whether some axis is padded more on one side than on the other. */
    static boolean asymmetric(int[][] pads) {
        for (int[] p : pads) {
            if (p[0] != p[1]) {
                return true;
            }
        }
        return false;
    }

    /**
     * The output extent of each spatial axis of {@code sample} padded by {@code pads}, or
     * {@code null} if the window is larger than the padded input on some axis.
     */
    int[] outputs(Shape sample, int[][] pads) {
        int[] out = new int[rank()];
        for (int a = 0; a < rank(); a++) {
            int padded = sample.dim(a + 1) + pads[a][0] + pads[a][1];
            if (padded < extent(a)) {
                return null;
            }
            out[a] = (padded - extent(a)) / stride[a] + 1;
        }
        return out;
    }

    /** The smallest spatial extent per axis accepted with padding {@code pads}, e.g. {@code 5x5}. */
    String minimumInput(int[][] pads) {
        int[] min = new int[rank()];
        for (int a = 0; a < rank(); a++) {
            min[a] = Math.max(1, extent(a) - pads[a][0] - pads[a][1]);
        }
        return joined(min);
    }

    /** {@code 5} when every axis has the value 5, else the values joined by {@code x} ({@code 7x1}). */
    static String dims(int[] values) {
        boolean same = Arrays.stream(values).allMatch(v -> v == values[0]);
        return same ? Integer.toString(values[0]) : joined(values);
    }

    /** The values joined by {@code x}, e.g. {@code 5x5}. */
    static String joined(int[] values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            sb.append(i == 0 ? "" : "x").append(values[i]);
        }
        return sb.toString();
    }

    /** The sample layout in words, e.g. {@code [channels, height, width]}. */
    static String layout(int rank) {
        return rank == 1 ? "[channels, length]" : "[channels, height, width]";
    }

    /** The shape of a sample with {@code channels} and the spatial extents {@code spatial}. */
    static Shape sample(int channels, int[] spatial) {
        int[] dims = new int[spatial.length + 1];
        dims[0] = channels;
        System.arraycopy(spatial, 0, dims, 1, spatial.length);
        return Shape.of(dims);
    }
}
