package io.faltung.nn;

import io.faltung.tensor.Tensor;

/**
 * An elementwise (or, for softmax, last-axis) nonlinearity, written with {@link Tensor} operations
 * so that autograd differentiates it. Use it on a layer ({@code new Dense(10).activation(Activation.RELU)})
 * or as a layer of its own ({@code new ActivationLayer(Activation.TANH)}).
 */
public interface Activation {
    /** {@code x}. */
    Activation IDENTITY = new NamedActivation("identity", x -> x);
    /** {@code 1 / (1 + e^−x)}. */
    Activation SIGMOID = new NamedActivation("sigmoid", Tensor::sigmoid);
    /** {@code tanh x}. */
    Activation TANH = new NamedActivation("tanh", Tensor::tanh);
    /** {@code max(x, 0)}. */
    Activation RELU = new NamedActivation("relu", Tensor::relu);
    /**
     * {@code e^x / Σ e^x} over the last axis, computed stably with the maximum subtracted first.
     * For training a classifier prefer a linear output with {@code Loss.softmaxCrossEntropy()}.
     */
    Activation SOFTMAX = new NamedActivation("softmax", Activation::softmax);

    /** Applies the function. */
    Tensor apply(Tensor x);

    /** The lower-case name used in summaries, e.g. {@code relu}. */
    String name();

    /** {@code x} for {@code x > 0}, else {@code alpha · x}. */
    static Activation leakyRelu(double alpha) {
        if (!(alpha >= 0 && alpha < 1)) {
            throw new IllegalArgumentException("leaky ReLU slope must be in [0, 1), not " + alpha);
        }
        return new NamedActivation("leaky_relu(" + alpha + ")", x -> x.relu().sub(x.neg().relu().mul(alpha)));
    }

    /** Softmax over the last axis: {@code e^(x − max) / Σ e^(x − max)}. */
    static Tensor softmax(Tensor x) {
        int[] last = {-1};
        Tensor e = x.sub(x.max(last, true).detach()).exp();
        return e.div(e.sum(last, true));
    }
}
