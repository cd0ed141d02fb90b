package io.faltung.nn;

import io.faltung.nn.init.Initializer;
import io.faltung.tensor.RandomStream;
import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;
import java.util.Objects;

/**
 * A fully connected layer: {@code y = activation(x · Wᵀ + b)} on inputs {@code [batch, in]}.
 *
 * <p>Parameter layout is PyTorch's {@code nn.Linear}: {@code weight} is {@code [units, in]} (one row
 * per output unit) and {@code bias} is {@code [units]}, so weights move between the two without
 * transposing. Defaults follow Keras: Glorot-uniform weights, zero bias, no activation.
 */
public final class Dense extends Layer {
    private final int units;
    private Activation activation = Activation.IDENTITY;
    private boolean useBias = true;
    private Initializer weightInit = Initializer.glorotUniform();
    private Initializer biasInit = Initializer.zeros();

    /** A dense layer with {@code units} outputs per sample. */
    public Dense(int units) {
        if (units <= 0) {
            throw new IllegalArgumentException("Dense needs a positive number of units, not " + units);
        }
        this.units = units;
    }

    /** Applies {@code value} to the output; returns {@code this}. */
    public Dense activation(Activation value) {
        requireUnbuilt();
        this.activation = Objects.requireNonNull(value, "activation");
        return this;
    }

    /** Turns the bias on (default) or off; returns {@code this}. */
    public Dense bias(boolean on) {
        requireUnbuilt();
        this.useBias = on;
        return this;
    }

    /** Sets the weight initialiser (default Glorot uniform); returns {@code this}. */
    public Dense weightInit(Initializer value) {
        requireUnbuilt();
        this.weightInit = Objects.requireNonNull(value, "weightInit");
        return this;
    }

    /** Sets the bias initialiser (default zeros); returns {@code this}. */
    public Dense biasInit(Initializer value) {
        requireUnbuilt();
        this.biasInit = Objects.requireNonNull(value, "biasInit");
        return this;
    }

    /** Outputs per sample. */
    public int units() {
        return units;
    }

    /** The output activation. */
    public Activation activation() {
        return activation;
    }

    @Override
    protected Shape inferOutputShape(Shape input) {
        if (input.rank() != 1) {
            throw incompatible(input, "a 1-D input per sample", input.rank() > 1
                    ? "add Flatten() before it" : "give each sample a feature axis, e.g. [1]");
        }
        return Shape.of(units);
    }

    @Override
    protected void createParameters(Shape input, RandomStream init) {
        addParameter("weight", Shape.of(units, input.dim(0)), weightInit, init);
        if (useBias) {
            addParameter("bias", Shape.of(units), biasInit, init);
        }
    }

    @Override
    protected Tensor call(Tensor batch, boolean training) {
        Tensor y = batch.matmul(parameter("weight").transpose());
        if (useBias) {
            y = y.add(parameter("bias"));
        }
        return activation.apply(y);
    }

    private void requireUnbuilt() {
        if (isBuilt()) {
            throw new IllegalStateException(this + " is already built; configure it before build()");
        }
    }

    @Override
    public String toString() {
        return "Dense(" + units + (activation == Activation.IDENTITY ? "" : ", " + activation.name())
                + (useBias ? "" : ", no bias") + ")";
    }
}
