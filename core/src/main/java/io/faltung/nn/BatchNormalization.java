package io.faltung.nn;

import io.faltung.autograd.NoGrad;
import io.faltung.nn.init.Initializer;
import io.faltung.spi.BinaryOp;
import io.faltung.spi.DType;
import io.faltung.tensor.RandomStream;
import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;
import java.util.Arrays;

/**
 * Batch normalisation (Ioffe &amp; Szegedy 2015) over the channel axis, the first axis of a sample:
 * features {@code [F]}, signals {@code [C, L]} or images {@code [C, H, W]} (PyTorch's
 * {@code BatchNorm1d}/{@code BatchNorm2d}, channels-first).
 *
 * <p>In training, each channel is normalised with the mean and (biased) variance of the batch over
 * the batch and spatial axes, {@code x̂ = (x − μ) / √(σ² + ε)}, and the running statistics move
 * towards the batch's: {@code running ← (1 − momentum) · running + momentum · batch}, where the
 * running variance takes the unbiased batch variance — PyTorch's convention (momentum 0.1, ε 1e-5;
 * Keras' {@code momentum=0.99} is this momentum 0.01). In inference the running statistics are
 * used, so each sample's output depends on that sample alone. With {@code affine} (default) the
 * output is {@code γ · x̂ + β}.
 *
 * <p>State uses PyTorch's names and layouts: parameters {@code weight} (γ) and {@code bias} (β),
 * buffers {@code running_mean} and {@code running_var}, all {@code [channels]}, and
 * {@code num_batches_tracked}, the number of training batches seen (an INT32 scalar here, int64 in
 * PyTorch; it only counts, since the momentum is always set). The buffers are part of the saved
 * model ({@link Layer#buffers()}). A composite of tensor operations; autograd differentiates it
 * through the batch statistics.
 */
public final class BatchNormalization extends Layer implements Streamable {
    private double momentum = 0.1;
    private double epsilon = 1e-5;
    private boolean affine = true;

    /** Sets the weight of the newest batch in the running statistics, in (0, 1]; returns {@code this}. */
    public BatchNormalization momentum(double value) {
        requireUnbuilt();
        if (!(value > 0 && value <= 1)) {
            throw new IllegalArgumentException("BatchNormalization momentum must be in (0, 1], not " + value);
        }
        momentum = value;
        return this;
    }

    /** Sets ε, added to the variance before the square root; returns {@code this}. */
    public BatchNormalization epsilon(double value) {
        requireUnbuilt();
        if (!(value > 0)) {
            throw new IllegalArgumentException("BatchNormalization epsilon must be positive, not " + value);
        }
        epsilon = value;
        return this;
    }

    /** Learns a scale γ and shift β per channel (default) or not; returns {@code this}. */
    public BatchNormalization affine(boolean on) {
        requireUnbuilt();
        affine = on;
        return this;
    }

    /** The weight of the newest batch in the running statistics. */
    public double momentum() {
        return momentum;
    }

    /** The variance offset ε. */
    public double epsilon() {
        return epsilon;
    }

    @Override
    protected String kind() {
        return "batch_normalization";
    }

    @Override
    protected Shape inferOutputShape(Shape input) {
        if (input.rank() == 0) {
            throw incompatible(input, "a channel axis per sample ([features], [channels, length] or [channels, height,"
                    + " width])", "give each sample a feature axis, e.g. [1]");
        }
        return input;
    }

    @Override
    protected void createParameters(Shape input, RandomStream init) {
        Shape channels = Shape.of(input.dim(0));
        if (affine) {
            addParameter("weight", channels, Initializer.constant(1), init);
            addParameter("bias", channels, Initializer.zeros(), init);
        }
        addBuffer("running_mean", channels, 0);
        addBuffer("running_var", channels, 1);
        addBuffer("num_batches_tracked", DType.INT32, Shape.scalar(), 0);
    }

    @Override
    protected Tensor call(Tensor batch, boolean training) {
        return normalise(batch, affine ? parameter("weight") : null, affine ? parameter("bias") : null, training);
    }

    /** The layer's computation with scale {@code weight} and shift {@code bias} ({@code null} when not affine). */
    Tensor normalise(Tensor batch, Tensor weight, Tensor bias, boolean training) {
        Shape perChannel = channelShape(batch.shape());
        Tensor normalised;
        if (training) {
            int[] axes = reducedAxes(batch.rank());
            long count = batch.shape().size() / batch.shape().dim(1);
            if (count < 2) {
                throw new IllegalArgumentException(this + " needs more than one value per channel in training to estimate"
                        + " a variance, but gets a batch " + batch.shape() + "; use a larger batch");
            }
            Tensor mean = batch.mean(axes, true);
            Tensor centred = batch.sub(mean);
            Tensor variance = centred.square().mean(axes, true);
            normalised = centred.div(variance.add(epsilon).sqrt());
            updateRunning(mean, variance, count);
        } else {
            Tensor mean = buffer("running_mean").reshape(perChannel.toArray());
            Tensor variance = buffer("running_var").reshape(perChannel.toArray());
            normalised = batch.sub(mean).div(variance.add(epsilon).sqrt());
        }
        if (weight == null) {
            return normalised;
        }
        return normalised.mul(weight.reshape(perChannel.toArray())).add(bias.reshape(perChannel.toArray()));
    }

    private void updateRunning(Tensor mean, Tensor variance, long count) {
        try (NoGrad ignored = NoGrad.enter()) {
            Tensor runningMean = buffer("running_mean");
            Tensor runningVar = buffer("running_var");
            int channels = runningMean.shape().dim(0);
            Tensor unbiased = variance.detach().reshape(channels).mul((double) count / (count - 1));
            runningMean.assign(runningMean.mul(1 - momentum).add(mean.detach().reshape(channels).mul(momentum)));
            runningVar.assign(runningVar.mul(1 - momentum).add(unbiased.mul(momentum)));
            buffer("num_batches_tracked").applyInPlace(BinaryOp.ADD, 1);
        }
    }

    /** {@code [1, C, 1, …]}: a per-channel vector broadcast over a batch of {@code shape}. */
    private static Shape channelShape(Shape shape) {
        int[] dims = new int[shape.rank()];
        Arrays.fill(dims, 1);
        dims[1] = shape.dim(1);
        return Shape.of(dims);
    }

    /** Every axis but the channel axis 1. */
    private static int[] reducedAxes(int rank) {
        int[] axes = new int[rank - 1];
        axes[0] = 0;
        for (int a = 2; a < rank; a++) {
            axes[a - 1] = a;
        }
        return axes;
    }

    /** Streams with the running statistics (per time step, like inference). */
    @Override
    public StreamState openStream() {
        if (inputShape().rank() != 2) {
            throw new IllegalStateException(this + " cannot stream: it was built for " + inputShape()
                    + ", not a signal [channels, length]");
        }
        return block -> call(block, false);
    }

    private void requireUnbuilt() {
        if (isBuilt()) {
            throw new IllegalStateException(this + " is already built; configure it before build()");
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("BatchNormalization(");
        String sep = "";
        if (momentum != 0.1) {
            sb.append("momentum ").append(momentum);
            sep = ", ";
        }
        if (epsilon != 1e-5) {
            sb.append(sep).append("epsilon ").append(epsilon);
            sep = ", ";
        }
        return sb.append(affine ? "" : sep + "no affine").append(')').toString();
    }
}
