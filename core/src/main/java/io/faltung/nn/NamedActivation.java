package io.faltung.nn;

import io.faltung.tensor.Tensor;
import java.util.function.UnaryOperator;

/** An {@link Activation} given by a name and a composite function. */
record NamedActivation(String name, UnaryOperator<Tensor> function) implements Activation {
    @Override
    public Tensor apply(Tensor x) {
        return function.apply(x);
    }

    @Override
    public String toString() {
        return name;
    }
}
