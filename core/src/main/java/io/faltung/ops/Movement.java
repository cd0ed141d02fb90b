package io.faltung.ops;

import io.faltung.autograd.Autograd;
import io.faltung.spi.DType;
import io.faltung.spi.View;
import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;
import java.util.Arrays;

/**
 * Layout operations. Most are views of the same memory (reshape of a contiguous tensor, permute,
 * slice, expand, flip) whose backward is the inverse view; the rest copy through the SPI
 * {@code copy} primitive (contiguous, pad, concat, dtype conversion).
 */
public final class Movement {
    private Movement() {
    }

    /** The same elements with another shape; one extent may be -1. */
    public static Tensor reshape(Tensor x, int... dims) {
        Shape target = resolve(x.shape(), dims);
        if (target.equals(x.shape())) {
            return x;
        }
        Tensor src = x.isContiguous() ? x : contiguous(x);
        Tensor out = src.asStrided(target, View.rowMajorStrides(target.toArray()), src.offset());
        int[] original = x.shape().toArray();
        return Autograd.record(out, "reshape", g -> new Tensor[] {g.reshape(original)}, src);
    }

    private static Shape resolve(Shape from, int[] dims) {
        int[] d = dims.clone();
        int unknown = -1;
        long known = 1;
        for (int k = 0; k < d.length; k++) {
            if (d[k] == -1) {
                if (unknown >= 0) {
                    throw new IllegalArgumentException("reshape " + from + " to " + Arrays.toString(dims)
                            + ": only one extent may be -1");
                }
                unknown = k;
            } else {
                known *= d[k];
            }
        }
        if (unknown >= 0) {
            if (known == 0 || from.size() % known != 0) {
                throw new IllegalArgumentException("cannot reshape " + from + " to " + Arrays.toString(dims));
            }
            d[unknown] = (int) (from.size() / known);
        }
        Shape s = Shape.of(d);
        if (s.size() != from.size()) {
            throw new IllegalArgumentException("cannot reshape " + from + " (" + from.size() + " elements) to " + s
                    + " (" + s.size() + " elements)");
        }
        return s;
    }

    /** Axes reordered: output axis k is input axis {@code order[k]}. */
    public static Tensor permute(Tensor x, int... order) {
        int rank = x.rank();
        if (order.length != rank) {
            throw new IllegalArgumentException("permute " + Arrays.toString(order) + " of a rank-" + rank + " tensor");
        }
        int[] dims = new int[rank];
        int[] strides = new int[rank];
        int[] inverse = new int[rank];
        boolean[] seen = new boolean[rank];
        int[] xs = x.strides();
        for (int k = 0; k < rank; k++) {
            int a = x.shape().axis(order[k]);
            if (seen[a]) {
                throw new IllegalArgumentException("permute " + Arrays.toString(order) + " repeats axis " + a);
            }
            seen[a] = true;
            dims[k] = x.shape().dim(a);
            strides[k] = xs[a];
            inverse[a] = k;
        }
        Tensor out = x.asStrided(Shape.of(dims), strides, x.offset());
        return Autograd.record(out, "permute", g -> new Tensor[] {g.permute(inverse)}, x);
    }

    /** Two axes swapped. */
    public static Tensor transpose(Tensor x, int a, int b) {
        if (x.rank() < 2) {
            throw new IllegalArgumentException("transpose needs at least 2 axes, not " + x.shape());
        }
        int[] order = Reductions.allAxes(x.rank());
        int ia = x.shape().axis(a);
        int ib = x.shape().axis(b);
        order[ia] = ib;
        order[ib] = ia;
        return permute(x, order);
    }

    /** Elements {@code start, start+step, …} below {@code end} along {@code axis}. */
    public static Tensor slice(Tensor x, int axis, int start, int end, int step) {
        int a = x.shape().axis(axis);
        int n = x.shape().dim(a);
        if (start < 0 || end > n || start > end || step < 1) {
            throw new IllegalArgumentException("slice [" + start + ", " + end + ") step " + step + " of axis " + a
                    + " with extent " + n + " in " + x.shape());
        }
        int extent = (end - start + step - 1) / step;
        int[] strides = x.strides();
        long offset = x.offset() + (long) start * strides[a];
        strides[a] *= step;
        Tensor out = x.asStrided(x.shape().with(a, extent), strides, offset);
        return Autograd.record(out, "slice", g -> {
            Tensor full = x.zerosLike();
            full.slice(a, start, end, step).assign(g);
            return new Tensor[] {full};
        }, x);
    }

    /**
     * The slices of {@code x} at every index of {@code axis}, as views with that axis removed: the
     * per-step inputs of a time loop. One joint operation: its backward writes the pieces'
     * gradients into one gradient of {@code x}, O(|x|) in all, where one {@link #slice} per index
     * would allocate a zero gradient the size of {@code x} for each piece (O(n·|x|)).
     */
    public static Tensor[] unbind(Tensor x, int axis) {
        int a = x.shape().axis(axis);
        int n = x.shape().dim(a);
        Shape pieceShape = Shape.of(without(x.shape().toArray(), a));
        Tensor[] pieces = new Tensor[n];
        for (int i = 0; i < n; i++) {
            pieces[i] = x.asStrided(pieceShape, without(x.strides(), a), x.offset() + (long) i * x.strides()[a]);
        }
        return Autograd.recordJoint(pieces, "unbind", grads -> {
            Tensor full = x.zerosLike();
            int[] strides = without(full.strides(), a);
            for (int i = 0; i < n; i++) {
                if (grads[i] != null) {
                    full.asStrided(pieceShape, strides, full.offset() + (long) i * full.strides()[a]).assign(grads[i]);
                }
            }
            return new Tensor[] {full};
        }, x);
    }

    private static int[] without(int[] values, int index) {
        int[] out = new int[values.length - 1];
        for (int k = 0, j = 0; k < values.length; k++) {
            if (k != index) {
                out[j++] = values[k];
            }
        }
        return out;
    }

    /** Broadcast to {@code target} with 0-strides. */
    public static Tensor expand(Tensor x, Shape target) {
        if (x.shape().equals(target)) {
            return x;
        }
        View v = x.broadcastView(target);
        Tensor out = x.asStrided(target, v.strides(), v.offset());
        return Autograd.record(out, "expand", g -> new Tensor[] {Reductions.sumTo(g, x.shape())}, x);
    }

    /** Reversed along {@code axes} (negative strides). */
    public static Tensor flip(Tensor x, int... axes) {
        int[] strides = x.strides();
        long offset = x.offset();
        for (int axis : axes) {
            int a = x.shape().axis(axis);
            offset += (long) (x.shape().dim(a) - 1) * strides[a];
            strides[a] = -strides[a];
        }
        Tensor out = x.asStrided(x.shape(), strides, offset);
        return Autograd.record(out, "flip", g -> new Tensor[] {g.flip(axes)}, x);
    }

    /** A dense row-major copy, or {@code x} itself if it already is one. */
    public static Tensor contiguous(Tensor x) {
        if (x.isContiguous()) {
            return x;
        }
        Tensor out = Tensor.empty(x.backend(), x.dtype(), x.shape());
        x.backend().copy(x.view(), out.view());
        return Autograd.record(out, "contiguous", g -> new Tensor[] {g}, x);
    }

    /** The values converted to {@code dtype}. */
    public static Tensor convert(Tensor x, DType dtype) {
        Tensor out = Tensor.empty(x.backend(), dtype, x.shape());
        x.backend().copy(x.view(), out.view());
        if (!dtype.isFloatingPoint() || !x.dtype().isFloatingPoint()) {
            return out;
        }
        DType original = x.dtype();
        return Autograd.record(out, "to" + dtype, g -> new Tensor[] {g.to(original)}, x);
    }

    /** Zero padding of {@code before[k]} / {@code after[k]} elements on each axis k. */
    public static Tensor pad(Tensor x, int[] before, int[] after) {
        if (before.length != x.rank() || after.length != x.rank()) {
            throw new IllegalArgumentException("pad needs one before/after count per axis of " + x.shape());
        }
        int[] dims = x.shape().toArray();
        for (int k = 0; k < dims.length; k++) {
            if (before[k] < 0 || after[k] < 0) {
                throw new IllegalArgumentException("negative padding " + Arrays.toString(before) + " / "
                        + Arrays.toString(after));
            }
            dims[k] += before[k] + after[k];
        }
        Tensor out = x.fullLike(Shape.of(dims), 0);
        interior(out, before, x.shape()).assign(x);
        return Autograd.record(out, "pad", g -> new Tensor[] {interior(g, before, x.shape())}, x);
    }

    private static Tensor interior(Tensor t, int[] before, Shape inner) {
        Tensor v = t;
        for (int k = 0; k < before.length; k++) {
            v = v.slice(k, before[k], before[k] + inner.dim(k));
        }
        return v;
    }

    /** Joins tensors along {@code axis}; all other extents must match. */
    public static Tensor concat(int axis, Tensor... parts) {
        if (parts.length == 0) {
            throw new IllegalArgumentException("concat of no tensors");
        }
        int a = parts[0].shape().axis(axis);
        int total = 0;
        for (Tensor p : parts) {
            if (p.rank() != parts[0].rank() || !p.shape().with(a, 1).equals(parts[0].shape().with(a, 1))) {
                throw new IllegalArgumentException("concat along axis " + a + ": shape " + p.shape()
                        + " does not match " + parts[0].shape());
            }
            Elementwise.checkCompatible("concat", parts[0], p);
            total += p.shape().dim(a);
        }
        Tensor out = Tensor.empty(parts[0].backend(), parts[0].dtype(), parts[0].shape().with(a, total));
        int[] starts = new int[parts.length];
        int at = 0;
        for (int i = 0; i < parts.length; i++) {
            starts[i] = at;
            int n = parts[i].shape().dim(a);
            out.slice(a, at, at + n).assign(parts[i]);
            at += n;
        }
        return Autograd.record(out, "concat", g -> {
            Tensor[] grads = new Tensor[parts.length];
            for (int i = 0; i < parts.length; i++) {
                grads[i] = g.slice(a, starts[i], starts[i] + parts[i].shape().dim(a));
            }
            return grads;
        }, parts);
    }
}
