package io.faltung.nn;

import io.faltung.ops.Pooling;
import io.faltung.spi.PoolSpec;
import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;
import java.util.Arrays;

/**
 * What the max- and average-pooling layers share: a window slid over the spatial axes of each
 * channel separately ({@code [channels, length]} or {@code [channels, height, width]} per sample),
 * keeping the channels. The stride defaults to the window (non-overlapping windows, as in Keras and
 * PyTorch). No parameters.
 *
 * <p>Padding: {@link Padding#VALID} (default) or {@link Padding#SAME} as in Keras — padded
 * positions never win a maximum and are left out of averages — or explicit symmetric padding
 * {@link #padding(int...)} as in PyTorch, where averages count the padded zeros
 * ({@code count_include_pad=True}).
 *
 * @param <L> the concrete layer, returned by the configuration methods
 */
public abstract class PoolingLayer<L extends PoolingLayer<L>> extends Layer {
    private final boolean max;
    private final int[] window;
    private int[] stride;
    private Padding padding = Padding.VALID;
    private int[] explicitPadding;

    PoolingLayer(boolean max, int[] window) {
        this.max = max;
        this.window = Window.perAxis(getClass().getSimpleName() + " window", window, window.length);
        this.stride = this.window.clone();
    }

    @SuppressWarnings("unchecked")
    private L self() {
        if (isBuilt()) {
            throw new IllegalStateException(this + " is already built; configure it before build()");
        }
        return (L) this;
    }

    /** Moves the window by {@code values}: one value for every axis or one per axis (default: the window). */
    public L stride(int... values) {
        L self = self();
        stride = Window.perAxis("stride", values, window.length);
        return self;
    }

    /** {@link Padding#VALID} (default) or {@link Padding#SAME} (Keras semantics); returns {@code this}. */
    public L padding(Padding value) {
        L self = self();
        if (value != Padding.VALID && value != Padding.SAME) {
            throw new IllegalArgumentException(this + ": pooling pads valid or same, not " + value.label());
        }
        padding = value;
        explicitPadding = null;
        return self;
    }

    /**
     * Pads {@code values} on both sides of each axis (one value or one per axis; each smaller than
     * the window), PyTorch semantics: −∞ for max pooling, counted zeros for average pooling.
     */
    public L padding(int... values) {
        L self = self();
        int[] pads = values.clone();
        if (pads.length == 1) {
            pads = new int[window.length];
            Arrays.fill(pads, values[0]);
        }
        for (int a = 0; a < window.length; a++) {
            if (pads.length != window.length || pads[a] < 0 || pads[a] >= window[a]) {
                throw new IllegalArgumentException(this + ": padding needs one value or one per axis, each in [0, window),"
                        + " not " + Arrays.toString(values));
            }
        }
        explicitPadding = pads;
        padding = Padding.VALID;
        return self;
    }

    /** Window extent per spatial axis. */
    public int[] window() {
        return window.clone();
    }

    /** Stride per spatial axis. */
    public int[] stride() {
        return stride.clone();
    }

    private Window geometry() {
        int[] ones = new int[window.length];
        Arrays.fill(ones, 1);
        return new Window(window, stride, ones);
    }

    private int[][] pads(Shape sample) {
        if (explicitPadding == null) {
            return geometry().pads(sample, padding);
        }
        int[][] pads = new int[window.length][];
        for (int a = 0; a < window.length; a++) {
            pads[a] = new int[] {explicitPadding[a], explicitPadding[a]};
        }
        return pads;
    }

    @Override
    protected Shape inferOutputShape(Shape input) {
        int rank = window.length;
        if (input.rank() != rank + 1) {
            throw incompatible(input, "a " + (rank + 1) + "-D input " + Window.layout(rank) + " per sample",
                    input.rank() == rank ? "add a channel axis, e.g. reshape each sample to " + input.prepend(1) : null);
        }
        int[][] pads = pads(input);
        int[] out = geometry().outputs(input, pads);
        if (out == null) {
            throw incompatible(input, "at least " + geometry().minimumInput(pads) + " values per channel",
                    "use padding(Padding.SAME), a smaller window or less downsampling before it");
        }
        return Window.sample(input.dim(0), out);
    }

    @Override
    protected Tensor call(Tensor batch, boolean training) {
        int rank = window.length;
        Tensor x = rank == 1 ? batch.reshape(batch.shape().dim(0), batch.shape().dim(1), 1, batch.shape().dim(2)) : batch;
        int[][] pads = pads(batch.shape().dropFirst());
        Tensor y = Window.asymmetric(pads) ? paddedPool(x, pads) : pool(x, pads[0][0], pads[rank - 1][0]);
        return rank == 1 ? y.reshape(y.shape().dim(0), y.shape().dim(1), y.shape().dim(3)) : y;
    }

    /** Pooling with symmetric padding done by the primitive. */
    private Tensor pool(Tensor x4, int padFirst, int padLast) {
        PoolSpec.Mode mode = max ? PoolSpec.Mode.MAX
                : explicitPadding != null ? PoolSpec.Mode.AVG_INCLUDE_PADDING : PoolSpec.Mode.AVG_EXCLUDE_PADDING;
        return Pooling.pool2d(x4, spec(mode, padFirst, padLast));
    }

    /**
     * Keras {@code same} with unequal padding on the two sides: pad explicitly, so that padded
     * positions hold the lowest finite value for max pooling, and divide the zero-padded window
     * sums by the count of real positions for average pooling.
     */
    private Tensor paddedPool(Tensor x4, int[][] pads) {
        int rank = window.length;
        int[] before = new int[4];
        int[] after = new int[4];
        for (int a = 0; a < rank; a++) {
            before[4 - rank + a] = pads[a][0];
            after[4 - rank + a] = pads[a][1];
        }
        Shape s = x4.shape();
        Tensor inside = x4.fullLike(Shape.of(1, 1, s.dim(2), s.dim(3)), 1).pad(before, after);
        Tensor padded = x4.pad(before, after);
        if (max) {
            Tensor lowestOutside = inside.sub(1).mul(Float.MAX_VALUE);
            return Pooling.pool2d(padded.add(lowestOutside), spec(PoolSpec.Mode.MAX, 0, 0));
        }
        PoolSpec avg = spec(PoolSpec.Mode.AVG_INCLUDE_PADDING, 0, 0);
        return Pooling.pool2d(padded, avg).div(Pooling.pool2d(inside, avg));
    }

    private PoolSpec spec(PoolSpec.Mode mode, int padFirst, int padLast) {
        return window.length == 1
                ? new PoolSpec(mode, 1, window[0], 1, stride[0], 0, padFirst)
                : new PoolSpec(mode, window[0], window[1], stride[0], stride[1], padFirst, padLast);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(getClass().getSimpleName()).append('(').append(Window.dims(window));
        if (!Arrays.equals(stride, window)) {
            sb.append(", stride ").append(Window.dims(stride));
        }
        if (padding != Padding.VALID) {
            sb.append(", ").append(padding.label());
        }
        if (explicitPadding != null) {
            sb.append(", padding ").append(Window.dims(explicitPadding));
        }
        return sb.append(')').toString();
    }
}
