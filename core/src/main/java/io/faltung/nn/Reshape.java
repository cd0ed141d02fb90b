package io.faltung.nn;

import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;
import java.util.Arrays;

/**
 * Gives each sample a new shape with the same values in row-major order, e.g. an image
 * {@code [1, 28, 28]} read as 28 time steps of 28 features ({@code new Reshape(28, 28)}) for a
 * recurrent layer, or features {@code [12]} as a signal {@code [3, 4]}. One dimension may be −1:
 * it is inferred from the others. No parameters (Keras' {@code Reshape}; in PyTorch an
 * {@code nn.Unflatten} or a {@code view}).
 */
public final class Reshape extends Layer {
    private final int[] target;

    /** Reshapes each sample to {@code shape}, at most one entry −1 (inferred), the others positive. */
    public Reshape(int... shape) {
        if (shape.length == 0 || Arrays.stream(shape).anyMatch(d -> d == 0 || d < -1)
                || Arrays.stream(shape).filter(d -> d == -1).count() > 1) {
            throw new IllegalArgumentException("Reshape needs at least one dimension, each positive or one of them -1,"
                    + " not " + Arrays.toString(shape));
        }
        this.target = shape.clone();
    }

    @Override
    protected Shape inferOutputShape(Shape input) {
        long known = 1;
        int unknown = -1;
        for (int a = 0; a < target.length; a++) {
            if (target[a] == -1) {
                unknown = a;
            } else {
                known = known > Integer.MAX_VALUE ? known : known * target[a]; // saturates instead of overflowing
            }
        }
        long size = input.size();
        if (unknown < 0 ? known != size : size % known != 0) {
            throw incompatible(input, "a sample of " + (unknown < 0 ? known + " values" : "a multiple of " + known
                    + " values"), "the shapes must hold the same number of values");
        }
        int[] out = target.clone();
        if (unknown >= 0) {
            out[unknown] = (int) (size / known);
        }
        return Shape.of(out);
    }

    @Override
    protected Tensor call(Tensor batch, boolean training) {
        return batch.reshape(outputShape().prepend(batch.shape().dim(0)).toArray());
    }

    @Override
    public String toString() {
        return "Reshape(" + Arrays.toString(target).replace("[", "").replace("]", "") + ")";
    }
}
