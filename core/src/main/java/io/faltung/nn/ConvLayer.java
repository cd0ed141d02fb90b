package io.faltung.nn;

import io.faltung.nn.init.Initializer;
import io.faltung.ops.Convolution;
import io.faltung.spi.ConvSpec;
import io.faltung.tensor.RandomStream;
import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;
import java.util.Objects;

/**
 * What {@link Conv1D} and {@link Conv2D} share: a bank of {@code filters} learned kernels slid over
 * the spatial axes of channels-first samples, {@code y = activation(x ⋆ w + b)}.
 *
 * <p>The layers compute <em>cross-correlation</em>, as PyTorch and Keras do (the kernel is not
 * flipped): {@code y[k, i] = b[k] + Σ_c Σ_r w[k, c, r] · x[g·C/groups + c, i·s + r·d]} over the
 * input channels of output channel {@code k}'s group {@code g}. Weights use PyTorch's layout,
 * outputs first: {@code weight [filters, in/groups, …kernel]}, {@code bias [filters]}, so a
 * PyTorch {@code state_dict} loads without transposing. Defaults follow Keras: Glorot-uniform
 * weights (fans include the kernel area), zero bias, {@link Padding#VALID}, stride 1, dilation 1,
 * one group, no activation.
 *
 * <p>Symmetric padding is passed to the convolution primitive; asymmetric padding ({@code same}
 * with an even window, {@code causal}) pads the input with {@link Tensor#pad} first.
 *
 * @param <L> the concrete layer, returned by the configuration methods
 */
public abstract class ConvLayer<L extends ConvLayer<L>> extends Layer {
    private final int filters;
    private final int[] kernel;
    private int[] stride;
    private int[] dilation;
    private Padding padding = Padding.VALID;
    private int groups = 1;
    private int inputChannels;
    private boolean useBias = true;
    private Activation activation = Activation.IDENTITY;
    private Initializer weightInit = Initializer.glorotUniform();
    private Initializer biasInit = Initializer.zeros();

    ConvLayer(int filters, int[] kernel) {
        if (filters <= 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " needs a positive number of filters, not "
                    + filters);
        }
        this.filters = filters;
        this.kernel = Window.perAxis(getClass().getSimpleName() + " kernel", kernel, kernel.length);
        this.stride = Window.perAxis("stride", new int[] {1}, kernel.length);
        this.dilation = stride.clone();
    }

    @SuppressWarnings("unchecked")
    private L self() {
        requireUnbuilt();
        return (L) this;
    }

    /** Moves the window by {@code values} samples: one value for every axis or one per axis (height, width). */
    public L stride(int... values) {
        L self = self();
        stride = Window.perAxis("stride", values, kernel.length);
        return self;
    }

    /** Spaces the kernel taps {@code values} samples apart (à trous): one value or one per axis. */
    public L dilation(int... values) {
        L self = self();
        dilation = Window.perAxis("dilation", values, kernel.length);
        return self;
    }

    /** Sets the padding mode (default {@link Padding#VALID}); returns {@code this}. */
    public L padding(Padding value) {
        L self = self();
        if (value == Padding.CAUSAL && kernel.length != 1) {
            throw new IllegalArgumentException(this + ": causal padding is defined for 1-D convolutions only");
        }
        padding = Objects.requireNonNull(value, "padding");
        return self;
    }

    /**
     * Splits channels into {@code value} groups convolved separately (input and output channels
     * must both be divisible; {@code groups = in = filters} is a depthwise convolution).
     */
    public L groups(int value) {
        L self = self();
        if (value < 1 || filters % value != 0) {
            throw new IllegalArgumentException(this + ": groups must be a positive divisor of the " + filters
                    + " filters, not " + value);
        }
        groups = value;
        return self;
    }

    /**
     * Declares the number of input channels (as PyTorch's {@code in_channels}); {@link #build}
     * then rejects any other. Without it the channels are taken from the input shape.
     */
    public L inputChannels(int value) {
        L self = self();
        if (value < 1) {
            throw new IllegalArgumentException(this + ": input channels must be positive, not " + value);
        }
        inputChannels = value;
        return self;
    }

    /** Turns the bias on (default) or off; returns {@code this}. */
    public L bias(boolean on) {
        L self = self();
        useBias = on;
        return self;
    }

    /** Applies {@code value} to the output (fused into the layer); returns {@code this}. */
    public L activation(Activation value) {
        L self = self();
        activation = Objects.requireNonNull(value, "activation");
        return self;
    }

    /** Sets the weight initialiser (default Glorot uniform); returns {@code this}. */
    public L weightInit(Initializer value) {
        L self = self();
        weightInit = Objects.requireNonNull(value, "weightInit");
        return self;
    }

    /** Sets the bias initialiser (default zeros); returns {@code this}. */
    public L biasInit(Initializer value) {
        L self = self();
        biasInit = Objects.requireNonNull(value, "biasInit");
        return self;
    }

    /** Output channels. */
    public int filters() {
        return filters;
    }

    /** Kernel taps per spatial axis. */
    public int[] kernel() {
        return kernel.clone();
    }

    /** Stride per spatial axis. */
    public int[] stride() {
        return stride.clone();
    }

    /** Dilation per spatial axis. */
    public int[] dilation() {
        return dilation.clone();
    }

    /** The padding mode. */
    public Padding padding() {
        return padding;
    }

    /** Channel groups. */
    public int groups() {
        return groups;
    }

    /** The output activation. */
    public Activation activation() {
        return activation;
    }

    /** Whether the layer adds a bias. */
    public boolean hasBias() {
        return useBias;
    }

    Window window() {
        return new Window(kernel, stride, dilation);
    }

    @Override
    protected Shape inferOutputShape(Shape input) {
        int rank = kernel.length;
        if (input.rank() != rank + 1) {
            throw incompatible(input, "a " + (rank + 1) + "-D input " + Window.layout(rank) + " per sample",
                    input.rank() == rank ? "add a channel axis, e.g. reshape each sample to " + input.prepend(1)
                            : rank == 1 && input.rank() == 3 ? "use Conv2D for images" : null);
        }
        int channels = input.dim(0);
        if (inputChannels != 0 && channels != inputChannels) {
            throw incompatible(input, inputChannels + " input channels (" + Window.layout(rank) + " with channels = "
                    + inputChannels + ")", "make the previous layer produce " + inputChannels
                    + " channels, or declare inputChannels(" + channels + ")");
        }
        if (channels % groups != 0) {
            throw incompatible(input, "input channels divisible by its " + groups + " groups",
                    "use a number of groups that divides both " + channels + " and " + filters);
        }
        Window w = window();
        int[][] pads = w.pads(input, padding);
        int[] out = w.outputs(input, pads);
        if (out == null) {
            throw incompatible(input, "at least " + w.minimumInput(pads) + " values per channel (kernel "
                    + Window.joined(kernel) + dilationText() + ", padding " + padding.label() + ")",
                    "use padding(Padding.SAME), a smaller kernel or less downsampling before it");
        }
        return Window.sample(filters, out);
    }

    private String dilationText() {
        return Window.dims(dilation).equals("1") ? "" : " dilated by " + Window.dims(dilation);
    }

    @Override
    protected void createParameters(Shape input, RandomStream init) {
        int[] dims = new int[kernel.length + 2];
        dims[0] = filters;
        dims[1] = input.dim(0) / groups;
        System.arraycopy(kernel, 0, dims, 2, kernel.length);
        addParameter("weight", Shape.of(dims), weightInit, init);
        if (useBias) {
            addParameter("bias", Shape.of(filters), biasInit, init);
        }
    }

    @Override
    protected Tensor call(Tensor batch, boolean training) {
        return apply(batch, padding);
    }

    /** The layer's output for {@code x} padded as {@code mode} says (streams pass {@code VALID} after prepending history). */
    final Tensor apply(Tensor x, Padding mode) {
        return apply(x, parameter("weight"), useBias ? parameter("bias") : null, mode);
    }

    /**
     * The activated convolution of {@code x} ({@code [batch, channels, …spatial]}) with
     * {@code weight} plus {@code bias} (may be {@code null}), padded as {@code mode} says.
     */
    final Tensor apply(Tensor x, Tensor weight, Tensor bias, Padding mode) {
        return activation.apply(convolve(x, weight, bias, mode));
    }

    private Tensor convolve(Tensor x, Tensor weight, Tensor bias, Padding mode) {
        int rank = kernel.length;
        int[][] pads = window().pads(x.shape().dropFirst(), mode);
        boolean explicit = Window.asymmetric(pads);
        if (explicit) {
            int[] before = new int[rank + 2];
            int[] after = new int[rank + 2];
            for (int a = 0; a < rank; a++) {
                before[a + 2] = pads[a][0];
                after[a + 2] = pads[a][1];
            }
            x = x.pad(before, after);
        }
        int pad0 = explicit ? 0 : pads[0][0];
        int padLast = explicit ? 0 : pads[rank - 1][0];
        ConvSpec spec = rank == 1
                ? new ConvSpec(1, stride[0], 0, pad0, 1, dilation[0], groups)
                : new ConvSpec(stride[0], stride[1], pad0, padLast, dilation[0], dilation[1], groups);
        Tensor y = Convolution.conv2d(rank == 1 ? lift(x) : x, rank == 1 ? lift(weight) : weight, spec);
        if (bias != null) {
            y = y.add(bias.reshape(1, filters, 1, 1));
        }
        return rank == 1 ? y.reshape(y.shape().dim(0), filters, y.shape().dim(3)) : y;
    }

    /** {@code [a, b, n] → [a, b, 1, n]}: a 1-D signal as an image of height 1. */
    private static Tensor lift(Tensor t) {
        Shape s = t.shape();
        return t.reshape(s.dim(0), s.dim(1), 1, s.dim(2));
    }

    private void requireUnbuilt() {
        if (isBuilt()) {
            throw new IllegalStateException(this + " is already built; configure it before build()");
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(getClass().getSimpleName()).append('(').append(filters).append(", ")
                .append(Window.dims(kernel));
        if (!Window.dims(stride).equals("1")) {
            sb.append(", stride ").append(Window.dims(stride));
        }
        if (padding != Padding.VALID) {
            sb.append(", ").append(padding.label());
        }
        if (!dilationText().isEmpty()) {
            sb.append(", dilation ").append(Window.dims(dilation));
        }
        if (groups != 1) {
            sb.append(", groups ").append(groups);
        }
        if (activation != Activation.IDENTITY) {
            sb.append(", ").append(activation.name());
        }
        return sb.append(useBias ? "" : ", no bias").append(')').toString();
    }
}
