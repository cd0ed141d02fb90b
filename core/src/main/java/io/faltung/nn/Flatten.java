package io.faltung.nn;

import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;

/** Reshapes each sample to one axis: {@code [batch, c, h, w] → [batch, c·h·w]}. No parameters. */
public final class Flatten extends Layer {
    @Override
    protected Shape inferOutputShape(Shape input) {
        return Shape.of(input.intSize());
    }

    @Override
    protected Tensor call(Tensor batch, boolean training) {
        return batch.reshape(batch.shape().dim(0), outputShape().dim(0));
    }

    @Override
    public String toString() {
        return "Flatten()";
    }
}
