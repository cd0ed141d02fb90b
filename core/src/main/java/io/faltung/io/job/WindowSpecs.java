package io.faltung.io.job;

import io.faltung.io.InvalidFormatException;
import io.faltung.io.JsonFields;
import io.faltung.nn.Activation;
import io.faltung.nn.AvgPool1D;
import io.faltung.nn.AvgPool2D;
import io.faltung.nn.BatchNormalization;
import io.faltung.nn.Conv1D;
import io.faltung.nn.Conv2D;
import io.faltung.nn.ConvLayer;
import io.faltung.nn.GlobalAveragePooling1D;
import io.faltung.nn.GlobalAveragePooling2D;
import io.faltung.nn.Layer;
import io.faltung.nn.MaxPool1D;
import io.faltung.nn.MaxPool2D;
import io.faltung.nn.Padding;
import io.faltung.nn.PoolingLayer;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The layers of a job file that act on channels-first signals {@code [channels, length]} (1-D) and
 * images {@code [channels, height, width]} (2-D), e.g. MNIST with {@code "layout": "image"}. Sizes
 * per axis are one number for every axis or an array with one per axis ({@code [height, width]}):
 * <ul>
 *   <li>{@code {"type": "conv2d", "filters": 20, "kernel_size": 5, "stride": 1, "padding": "valid",
 *       "dilation": 1, "groups": 1, "activation": "relu", "bias": true}} (and {@code conv1d}); padding
 *       {@code valid, same, full}, and {@code causal} for {@code conv1d}; {@code filters} and the input
 *       channels must be divisible by {@code groups};</li>
 *   <li>{@code {"type": "max_pool2d", "pool_size": 2, "stride": 2, "padding": "valid"}} (and
 *       {@code max_pool1d}, {@code avg_pool1d}, {@code avg_pool2d}); {@code stride} defaults to
 *       {@code pool_size}; padding {@code valid}, {@code same} (Keras) or a number of zeros per side
 *       smaller than the window (PyTorch);</li>
 *   <li>{@code {"type": "global_average_pooling2d"}} (and {@code 1d}): {@code [channels]} per sample;</li>
 *   <li>{@code {"type": "batch_normalization", "momentum": 0.1, "epsilon": 1e-5, "affine": true}}
 *       over the first (channel or feature) axis.</li>
 * </ul>
 */
final class WindowSpecs {
    /** The largest kernel, window, stride or dilation accepted. */
    static final int MAX_EXTENT = 1 << 12;

    private WindowSpecs() {
    }

    static Supplier<Layer> conv(JsonFields f, int rank) throws InvalidFormatException {
        f.onlyFields(Set.of("type", "filters", "kernel_size", "stride", "padding", "dilation", "groups", "activation",
                "bias"));
        int filters = (int) f.integer("filters", 1, LayerSpecs.MAX_UNITS);
        int[] kernel = f.integers("kernel_size", rank, 1, MAX_EXTENT);
        int[] stride = f.integers("stride", rank, 1, MAX_EXTENT, ones(rank));
        int[] dilation = f.integers("dilation", rank, 1, MAX_EXTENT, ones(rank));
        int groups = (int) f.integer("groups", 1, filters, 1);
        if (filters % groups != 0) {
            throw f.error("groups", "must divide the " + filters + " filters, not " + groups);
        }
        Padding padding = padding(f, rank == 1 ? Set.of("valid", "same", "full", "causal") : Set.of("valid", "same",
                "full"));
        Activation activation = LayerSpecs.activation(f, "identity");
        boolean bias = f.bool("bias", true);
        return () -> {
            ConvLayer<?> layer = rank == 1 ? new Conv1D(filters, kernel[0]) : new Conv2D(filters, kernel[0], kernel[1]);
            return layer.stride(stride).dilation(dilation).groups(groups).padding(padding).activation(activation)
                    .bias(bias);
        };
    }

    static Supplier<Layer> pool(JsonFields f, boolean max, int rank) throws InvalidFormatException {
        f.onlyFields(Set.of("type", "pool_size", "stride", "padding"));
        int[] window = f.integers("pool_size", rank, 1, MAX_EXTENT);
        int[] stride = f.integers("stride", rank, 1, MAX_EXTENT, window);
        Padding mode = Padding.VALID;
        int[] zeros = null;
        if (!f.has("padding") || f.isString("padding")) {
            mode = padding(f, Set.of("valid", "same"));
        } else {
            zeros = f.integers("padding", rank, 0, MAX_EXTENT);
            for (int a = 0; a < rank; a++) {
                if (zeros[a] >= window[a]) {
                    throw f.error("padding", "must be smaller than the pool size " + window[a] + " on each axis, not "
                            + zeros[a]);
                }
            }
        }
        Padding symbolic = mode;
        int[] explicit = zeros;
        return () -> {
            PoolingLayer<?> layer = rank == 1 ? (max ? new MaxPool1D(window[0]) : new AvgPool1D(window[0]))
                    : max ? new MaxPool2D(window[0], window[1]) : new AvgPool2D(window[0], window[1]);
            layer.stride(stride);
            return explicit == null ? layer.padding(symbolic) : layer.padding(explicit);
        };
    }

    static Supplier<Layer> globalPooling(JsonFields f, int rank) throws InvalidFormatException {
        f.onlyFields(Set.of("type"));
        return rank == 1 ? GlobalAveragePooling1D::new : GlobalAveragePooling2D::new;
    }

    static Supplier<Layer> batchNormalization(JsonFields f) throws InvalidFormatException {
        f.onlyFields(Set.of("type", "momentum", "epsilon", "affine"));
        double momentum = f.number("momentum", 0.1);
        if (!(momentum > 0 && momentum <= 1)) {
            throw f.error("momentum", "must be in (0, 1] (the weight of the newest batch, PyTorch's convention), not "
                    + momentum);
        }
        double epsilon = f.number("epsilon", 1e-5);
        if (!(epsilon > 0)) {
            throw f.error("epsilon", "must be positive, not " + epsilon);
        }
        boolean affine = f.bool("affine", true);
        return () -> new BatchNormalization().momentum(momentum).epsilon(epsilon).affine(affine);
    }

    private static Padding padding(JsonFields f, Set<String> allowed) throws InvalidFormatException {
        String name = f.string("padding", "valid");
        if (!allowed.contains(name)) {
            throw f.error("padding", "must be one of " + new java.util.TreeSet<>(allowed) + ", not \"" + name + "\"");
        }
        return Padding.valueOf(name.toUpperCase(Locale.ROOT));
    }

    private static int[] ones(int rank) {
        return rank == 1 ? new int[] {1} : new int[] {1, 1};
    }
}
