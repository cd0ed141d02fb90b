package io.faltung.tensor;

import java.util.Arrays;

/** Immutable extents of a tensor, e.g. {@code [64, 1, 28, 28]}. */
public final class Shape {
    private final int[] dims;

    private Shape(int[] dims) {
        for (int d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException("negative extent in shape " + Arrays.toString(dims));
            }
        }
        this.dims = dims;
    }

    /** A shape with the given extents. */
    public static Shape of(int... dims) {
        return new Shape(dims.clone());
    }

    /** The shape of a scalar (rank 0, one element). */
    public static Shape scalar() {
        return new Shape(new int[0]);
    }

    /** Number of axes. */
    public int rank() {
        return dims.length;
    }

    /** Extent of {@code axis}; negative axes count from the end. */
    public int dim(int axis) {
        return dims[axis(axis)];
    }

    /** A copy of the extents. */
    public int[] toArray() {
        return dims.clone();
    }

    /** Number of elements. */
    public long size() {
        long n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    /** Number of elements as an int, failing clearly when it does not fit. */
    public int intSize() {
        long n = size();
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("shape " + this + " has " + n + " elements, more than an int can index");
        }
        return (int) n;
    }

    /** Normalises a possibly negative axis and checks its range. */
    public int axis(int axis) {
        int a = axis < 0 ? axis + dims.length : axis;
        if (a < 0 || a >= dims.length) {
            throw new IllegalArgumentException("axis " + axis + " out of range for shape " + this);
        }
        return a;
    }

    /** This shape without its first axis (the per-sample shape of a batch). */
    public Shape dropFirst() {
        return new Shape(Arrays.copyOfRange(dims, 1, dims.length));
    }

    /** This shape with {@code first} prepended (e.g. a batch axis). */
    public Shape prepend(int first) {
        int[] d = new int[dims.length + 1];
        d[0] = first;
        System.arraycopy(dims, 0, d, 1, dims.length);
        return new Shape(d);
    }

    /** This shape with extent {@code value} at {@code axis}. */
    public Shape with(int axis, int value) {
        int[] d = dims.clone();
        d[axis(axis)] = value;
        return new Shape(d);
    }

    /** The NumPy broadcast of two shapes, or an exception naming both. */
    public static Shape broadcast(Shape a, Shape b) {
        int rank = Math.max(a.rank(), b.rank());
        int[] out = new int[rank];
        for (int k = 0; k < rank; k++) {
            int da = k - (rank - a.rank()) >= 0 ? a.dims[k - (rank - a.rank())] : 1;
            int db = k - (rank - b.rank()) >= 0 ? b.dims[k - (rank - b.rank())] : 1;
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException("shapes " + a + " and " + b + " cannot be broadcast together");
            }
            out[k] = da == 1 ? db : da;
        }
        return new Shape(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(s.dims, dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
