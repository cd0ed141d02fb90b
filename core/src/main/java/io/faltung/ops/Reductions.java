package io.faltung.ops;

import io.faltung.autograd.Autograd;
import io.faltung.spi.DType;
import io.faltung.spi.ReduceOp;
import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;
import java.util.Arrays;

/** Forward and backward of the reduction primitives (SPI {@code reduce}, {@code argMax}). */
public final class Reductions {
    private Reductions() {
    }

    /** {@code [0, 1, …, rank-1]}. */
    public static int[] allAxes(int rank) {
        int[] axes = new int[rank];
        for (int k = 0; k < rank; k++) {
            axes[k] = k;
        }
        return axes;
    }

    /** Sum over {@code axes}. */
    public static Tensor sum(Tensor x, int[] axes, boolean keepDims) {
        int[] ax = normalise(x.shape(), axes);
        Tensor kept = reduceKeep(ReduceOp.SUM, x, ax);
        Autograd.record(kept, "sum", g -> new Tensor[] {g.expand(x.shape())}, x);
        return keepDims ? kept : dropAxes(kept, ax);
    }

    /** Mean over {@code axes}. */
    public static Tensor mean(Tensor x, int[] axes, boolean keepDims) {
        int[] ax = normalise(x.shape(), axes);
        long count = 1;
        for (int a : ax) {
            count *= x.shape().dim(a);
        }
        return sum(x, ax, keepDims).div(count);
    }

    /** Maximum over {@code axes}; ties share the gradient equally. */
    public static Tensor max(Tensor x, int[] axes, boolean keepDims) {
        return extremum(ReduceOp.MAX, x, axes, keepDims);
    }

    /** Minimum over {@code axes}; ties share the gradient equally. */
    public static Tensor min(Tensor x, int[] axes, boolean keepDims) {
        return extremum(ReduceOp.MIN, x, axes, keepDims);
    }

    private static Tensor extremum(ReduceOp op, Tensor x, int[] axes, boolean keepDims) {
        int[] ax = normalise(x.shape(), axes);
        Tensor kept = reduceKeep(op, x, ax);
        Autograd.record(kept, op.name().toLowerCase(java.util.Locale.ROOT), g -> {
            Tensor hit = x.eq(kept);
            return new Tensor[] {g.mul(hit).div(hit.sum(ax, true))};
        }, x);
        return keepDims ? kept : dropAxes(kept, ax);
    }

    /** Index of the maximum along {@code axis} (INT32, the axis dropped). */
    public static Tensor argMax(Tensor x, int axis) {
        int a = x.shape().axis(axis);
        Tensor out = Tensor.empty(x.backend(), DType.INT32, x.shape().with(a, 1));
        x.backend().argMax(x.view(), a, out.view());
        return dropAxes(out, new int[] {a});
    }

    /** Sums {@code g} down to {@code target}, undoing a broadcast. */
    public static Tensor sumTo(Tensor g, Shape target) {
        if (g.shape().equals(target)) {
            return g;
        }
        int lead = g.rank() - target.rank();
        int[] axes = new int[g.rank()];
        int n = 0;
        for (int k = 0; k < g.rank(); k++) {
            if (k < lead || (target.dim(k - lead) == 1 && g.shape().dim(k) != 1)) {
                axes[n++] = k;
            }
        }
        Tensor s = n == 0 ? g : sum(g, Arrays.copyOf(axes, n), true);
        return s.reshape(target.toArray());
    }

    private static Tensor reduceKeep(ReduceOp op, Tensor x, int[] axes) {
        Shape outShape = x.shape();
        for (int a : axes) {
            outShape = outShape.with(a, 1);
        }
        Tensor out = Tensor.empty(x.backend(), x.dtype(), outShape);
        if (axes.length == 0) {
            x.backend().copy(x.view(), out.view());
        } else {
            x.backend().reduce(op, x.view(), axes, out.view());
        }
        return out;
    }

    private static Tensor dropAxes(Tensor kept, int[] axes) {
        int[] dims = kept.shape().toArray();
        int[] out = new int[dims.length - axes.length];
        int n = 0;
        for (int k = 0; k < dims.length; k++) {
            if (Arrays.binarySearch(axes, k) < 0) {
                out[n++] = dims[k];
            }
        }
        return kept.reshape(out);
    }

    private static int[] normalise(Shape shape, int[] axes) {
        int[] ax = new int[axes.length];
        for (int k = 0; k < axes.length; k++) {
            ax[k] = shape.axis(axes[k]);
        }
        Arrays.sort(ax);
        for (int k = 1; k < ax.length; k++) {
            if (ax[k] == ax[k - 1]) {
                throw new IllegalArgumentException("axis " + ax[k] + " listed twice in " + Arrays.toString(axes));
            }
        }
        return ax;
    }
}
