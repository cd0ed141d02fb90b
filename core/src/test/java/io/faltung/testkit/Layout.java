package io.faltung.testkit;

import java.util.List;

/**
 * How a parity case lays a logical tensor out in its buffer: row-major or with reversed axis order
 * ({@code transposed}), every other element of a padded buffer ({@code stepped}: strides above
 * row-major, a non-zero offset and gaps between elements), with negative strides on some axes
 * ({@code flipMask}), with 0 strides on others ({@code broadcastMask}, inputs only), and with
 * {@code margin} unused elements before and after the view in its buffer. Axes beyond a shape's
 * rank are ignored, so one layout applies to every rank.
 */
public record Layout(String name, boolean transposed, boolean stepped, long flipMask, long broadcastMask, int margin) {
    /** Dense row-major. */
    public static final Layout CONTIGUOUS = new Layout("contiguous", false, false, 0, 0);
    /**
     * Dense row-major at a non-zero offset, with unused elements after it: a slice of a larger
     * tensor. The one non-trivial layout that the contiguous-only primitives (convolution, pooling,
     * recurrent cells) accept; a kernel ignoring the offset, or writing past the view, fails with it.
     */
    public static final Layout OFFSET = new Layout("offset", false, false, 0, 0, 3);
    /** Axes stored in reverse order: a permuted, non-contiguous view. */
    public static final Layout TRANSPOSED = new Layout("transposed", true, false, 0, 0);
    /** A slice with step 2 on the last axis and offset 1 on every axis of a larger buffer. */
    public static final Layout STEPPED = new Layout("stepped", false, true, 0, 0);
    /** Every axis flipped (all strides negative). */
    public static final Layout FLIPPED = new Layout("flipped", false, false, -1L, 0);
    /** Only axis 0 flipped: mixed stride signs. */
    public static final Layout FLIP_FIRST = new Layout("flip-axis0", false, false, 1L, 0);
    /** Permuted and flipped. */
    public static final Layout TRANSPOSED_FLIPPED = new Layout("transposed+flipped", true, false, -1L, 0);
    /** Stepped and flipped on the last axis: negative strides of magnitude 2. */
    public static final Layout STEPPED_FLIPPED = new Layout("stepped+flipped", false, true, -1L, 0);

    /** The non-contiguous layouts, in a fixed order for rotating through them. */
    public static final List<Layout> STRIDED = List.of(TRANSPOSED, STEPPED, FLIPPED, FLIP_FIRST, TRANSPOSED_FLIPPED,
            STEPPED_FLIPPED);

    /** Every layout above, contiguous first. */
    public static final List<Layout> ALL = List.of(CONTIGUOUS, TRANSPOSED, STEPPED, FLIPPED, FLIP_FIRST,
            TRANSPOSED_FLIPPED, STEPPED_FLIPPED);

    /** A layout without margins. */
    public Layout(String name, boolean transposed, boolean stepped, long flipMask, long broadcastMask) {
        this(name, transposed, stepped, flipMask, broadcastMask, 0);
    }

    /** Buffer size, strides and offset of a view of {@code shape} in this layout. */
    public record Geometry(int size, int[] strides, long offset) {
    }

    /** The strided layout number {@code i}, cycling through {@link #STRIDED}. */
    public static Layout strided(int i) {
        return STRIDED.get(Math.floorMod(i, STRIDED.size()));
    }

    /** This layout with 0 strides (broadcast) on {@code axes}. */
    public Layout broadcasting(int... axes) {
        long mask = broadcastMask;
        StringBuilder label = new StringBuilder(name).append("+bcast");
        for (int axis : axes) {
            mask |= 1L << axis;
            label.append(axis);
        }
        return new Layout(label.toString(), transposed, stepped, flipMask, mask, margin);
    }

    /** Where the elements of a view of {@code shape} live in a buffer of this layout. */
    public Geometry geometry(int[] shape) {
        int rank = shape.length;
        int[] strides = new int[rank];
        long unit = 1;
        long offset = 0;
        for (int j = rank - 1; j >= 0; j--) {
            int axis = transposed ? rank - 1 - j : j;
            int extent = isBroadcast(axis) ? 1 : shape[axis];
            int step = stepped && j == rank - 1 ? 2 : 1;
            strides[axis] = isBroadcast(axis) ? 0 : Math.toIntExact(unit * step);
            if (stepped) {
                offset += unit;
                unit *= (long) extent * step + 1;
            } else {
                unit *= extent;
            }
        }
        for (int axis = 0; axis < rank; axis++) {
            if (axis < 64 && (flipMask >>> axis & 1) != 0 && shape[axis] > 1) {
                offset += (long) (shape[axis] - 1) * strides[axis];
                strides[axis] = -strides[axis];
            }
        }
        return new Geometry(Math.toIntExact(Math.max(unit, 1) + 2L * margin), strides, offset + margin);
    }

    private boolean isBroadcast(int axis) {
        return axis < 64 && (broadcastMask >>> axis & 1) != 0;
    }

    @Override
    public String toString() {
        return name;
    }
}
