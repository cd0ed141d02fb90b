package io.faltung.nn;

import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;
import java.util.Arrays;

/** A test layer producing a multi-axis sample, to stand in for convolution and pooling layers. */
final class Reshape extends Layer {
    private final int[] dims;

    Reshape(int... dims) {
        this.dims = dims.clone();
    }

    @Override
    protected Shape inferOutputShape(Shape input) {
        Shape out = Shape.of(dims);
        if (out.size() != input.size()) {
            throw incompatible(input, out.size() + " values per sample", null);
        }
        return out;
    }

    @Override
    protected Tensor call(Tensor batch, boolean training) {
        return batch.reshape(outputShape().prepend(batch.shape().dim(0)).toArray());
    }

    @Override
    public String toString() {
        return "Reshape(" + Arrays.toString(dims).replaceAll("[\\[\\]]", "") + ")";
    }
}
