package io.faltung.nn;

import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;

/**
 * The mean of every channel over all its spatial positions: {@code [channels, …spatial] → [channels]}.
 * {@link GlobalAveragePooling1D} and {@link GlobalAveragePooling2D} fix the number of spatial axes.
 * No parameters; a composite of {@link Tensor#mean(int[], boolean)}.
 */
public abstract class GlobalAveragePooling extends Layer {
    private final int spatialAxes;

    GlobalAveragePooling(int spatialAxes) {
        this.spatialAxes = spatialAxes;
    }

    @Override
    protected Shape inferOutputShape(Shape input) {
        if (input.rank() != spatialAxes + 1) {
            throw incompatible(input, "a " + (spatialAxes + 1) + "-D input " + Window.layout(spatialAxes) + " per sample",
                    null);
        }
        return Shape.of(input.dim(0));
    }

    @Override
    protected Tensor call(Tensor batch, boolean training) {
        int[] axes = new int[spatialAxes];
        for (int a = 0; a < spatialAxes; a++) {
            axes[a] = a + 2;
        }
        return batch.mean(axes, false);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "()";
    }
}
