package io.faltung.testkit.reference;

import io.faltung.spi.DType;
import io.faltung.spi.ReduceOp;
import io.faltung.spi.View;
import java.util.Arrays;

/** Reference kernels for REDUCE and ARG_MAX: accumulate in double, in row-major order. */
public final class ReferenceReduce {
    private ReferenceReduce() {
    }

    /** Reduces {@code x} over {@code axes} into {@code out} (reduced axes kept with extent 1). */
    public static void reduce(ReduceOp op, View x, int[] axes, View out) {
        String name = "reduce " + op;
        boolean[] reduced = reducedAxes(name, x, axes);
        int[] expected = x.shape().clone();
        for (int k = 0; k < expected.length; k++) {
            if (reduced[k]) {
                expected[k] = 1;
            }
        }
        requireShape(name, out, expected, "x " + Arrays.toString(x.shape()) + " reduced over "
                + Arrays.toString(axes));
        if (out.dtype() != x.dtype()) {
            throw new IllegalArgumentException(name + ": x is " + x.dtype() + " but out is " + out.dtype());
        }
        double[] acc = new double[Math.toIntExact(out.size())];
        Arrays.fill(acc, op.identity());
        double[] values = Elements.read(x);
        for (int i = 0; i < values.length; i++) {
            int[] index = Elements.unravel(i, x.shape());
            for (int k = 0; k < index.length; k++) {
                if (reduced[k]) {
                    index[k] = 0;
                }
            }
            int target = (int) Elements.ravel(index, expected);
            acc[target] = op.combine(acc[target], values[i]);
        }
        Elements.write(name, out, acc);
    }

    /** First index of the largest element along {@code axis}; NaN beats every number. */
    public static void argMax(View x, int axis, View out) {
        if (axis < 0 || axis >= x.rank()) {
            throw new IllegalArgumentException("argMax: axis " + axis + " out of range for x of shape "
                    + Arrays.toString(x.shape()));
        }
        if (x.shape()[axis] == 0) {
            throw new IllegalArgumentException("argMax: axis " + axis + " of x " + Arrays.toString(x.shape())
                    + " is empty");
        }
        int[] expected = x.shape().clone();
        expected[axis] = 1;
        requireShape("argMax", out, expected, "x " + Arrays.toString(x.shape()) + " along axis " + axis);
        Elements.requireDType("argMax", "out", out, DType.INT32);
        double[] values = Elements.read(x);
        double[] result = new double[Math.toIntExact(out.size())];
        for (int o = 0; o < result.length; o++) {
            int[] index = Elements.unravel(o, expected);
            int best = 0;
            double bestValue = values[(int) Elements.ravel(index, x.shape())];
            for (int j = 1; j < x.shape()[axis]; j++) {
                index[axis] = j;
                double v = values[(int) Elements.ravel(index, x.shape())];
                if (!Double.isNaN(bestValue) && (v > bestValue || Double.isNaN(v))) {
                    best = j;
                    bestValue = v;
                }
            }
            result[o] = best;
        }
        Elements.write("argMax", out, result);
    }

    private static boolean[] reducedAxes(String name, View x, int[] axes) {
        boolean[] reduced = new boolean[x.rank()];
        for (int i = 0; i < axes.length; i++) {
            if (axes[i] < 0 || axes[i] >= x.rank() || (i > 0 && axes[i] <= axes[i - 1])) {
                throw new IllegalArgumentException(name + ": axes " + Arrays.toString(axes)
                        + " must be sorted, distinct and within rank " + x.rank());
            }
            reduced[axes[i]] = true;
        }
        return reduced;
    }

    private static void requireShape(String name, View out, int[] expected, String from) {
        if (!Arrays.equals(out.shape(), expected)) {
            throw new IllegalArgumentException(name + ": out has shape " + Arrays.toString(out.shape())
                    + " but " + from + " needs " + Arrays.toString(expected));
        }
    }
}
