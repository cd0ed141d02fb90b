package io.faltung.nn.init;

import io.faltung.tensor.RandomStream;
import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;

/**
 * Creates the initial value of a parameter. Random initialisers draw from a {@link RandomStream}
 * (counter-based), so a seed gives the same weights on every backend.
 *
 * <p>Weight shapes follow PyTorch's layout, outputs first: {@code [out, in]} for a dense layer,
 * {@code [out, in, kh, kw]} for a convolution; {@link Fans} derives fan-in and fan-out from it.
 */
@FunctionalInterface
public interface Initializer {
    /** A new FLOAT32 tensor of {@code shape} on the current backend, advancing {@code random} if it draws. */
    Tensor create(Shape shape, RandomStream random);

    /** Glorot/Xavier uniform: {@code U(−l, l)}, {@code l = √(6 / (fanIn + fanOut))}. Keras' default for weights. */
    static Initializer glorotUniform() {
        return new Glorot(false);
    }

    /** Glorot/Xavier normal: {@code N(0, σ²)}, {@code σ = √(2 / (fanIn + fanOut))} (not truncated, as in PyTorch). */
    static Initializer glorotNormal() {
        return new Glorot(true);
    }

    /** He/Kaiming uniform for ReLU: {@code U(−l, l)}, {@code l = √(6 / fanIn)}. */
    static Initializer heUniform() {
        return new He(false);
    }

    /** He/Kaiming normal for ReLU: {@code N(0, σ²)}, {@code σ = √(2 / fanIn)}. */
    static Initializer heNormal() {
        return new He(true);
    }

    /**
     * {@code U(low, high)} whatever the shape; {@code uniform(−1/√H, 1/√H)} is PyTorch's default for
     * every weight and bias of its recurrent layers with H hidden units.
     */
    static Initializer uniform(double low, double high) {
        return new Uniform(low, high);
    }

    /** All zeros (the default for biases). */
    static Initializer zeros() {
        return constant(0);
    }

    /** Every element {@code value}. */
    static Initializer constant(double value) {
        return new Constant(value);
    }
}
