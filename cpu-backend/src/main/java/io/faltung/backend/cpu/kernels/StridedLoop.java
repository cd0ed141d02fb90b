package io.faltung.backend.cpu.kernels;

import io.faltung.spi.View;

/**
 * The loop nest shared by every strided kernel: walks a shape in row-major logical order and hands
 * out rows (runs along the innermost axis) with the element offset of each operand.
 *
 * <p>Shaped this way because every kernel's inner loop then sees a start offset and a constant
 * stride per operand, the form the JIT compiles into tight loops. Size-1 axes are dropped and
 * adjacent axes that are dense for every operand are merged first, so a contiguous tensor of any
 * rank becomes one long row. Walking a range {@code [start, end)} of logical indices lets the
 * parallel path split the work anywhere and lets RANDOM know each element's logical index.
 */
final class StridedLoop {
    /** Receives one row: {@code n} elements starting at {@code base[k]} for operand {@code k}. */
    @FunctionalInterface
    interface Row {
        /** Handles a row; {@code index} is the logical index of its first element. Must not modify base. */
        void run(int[] base, int n, long index);
    }

    private final int[] shape;
    private final int[][] strides;
    private final int[] offsets;
    private final long size;

    /** A loop over {@code shape}; operand {@code k} has {@code strides[k]} and {@code offsets[k]}. */
    StridedLoop(int[] shape, int[][] strides, int[] offsets) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        this.size = n;
        this.offsets = offsets.clone();
        int ops = strides.length;
        int[] outShape = new int[shape.length + 1];
        int[][] outStrides = new int[ops][shape.length + 1];
        int rank = 0;
        for (int axis = 0; axis < shape.length; axis++) {
            if (shape[axis] == 1) {
                continue;
            }
            if (rank > 0 && mergeable(outShape[rank - 1], outStrides, rank - 1, shape[axis], strides, axis)) {
                outShape[rank - 1] *= shape[axis];
                for (int k = 0; k < ops; k++) {
                    outStrides[k][rank - 1] = strides[k][axis];
                }
                continue;
            }
            outShape[rank] = shape[axis];
            for (int k = 0; k < ops; k++) {
                outStrides[k][rank] = strides[k][axis];
            }
            rank++;
        }
        if (rank == 0) {
            outShape[0] = 1;
            rank = 1;
        }
        this.shape = java.util.Arrays.copyOf(outShape, rank);
        this.strides = new int[ops][];
        for (int k = 0; k < ops; k++) {
            this.strides[k] = java.util.Arrays.copyOf(outStrides[k], rank);
        }
    }

    /** A single dense row of {@code size} elements (the common case, built without the merging pass). */
    private StridedLoop(long size, int[] offsets) {
        this.size = size;
        this.offsets = offsets;
        this.shape = new int[] {(int) Math.max(1, size)};
        this.strides = new int[offsets.length][];
        for (int k = 0; k < offsets.length; k++) {
            this.strides[k] = new int[] {1};
        }
    }

    /** A loop over {@code shape} with the given views (all of that shape) as operands. */
    static StridedLoop over(int[] shape, View... views) {
        int[][] strides = new int[views.length][];
        int[] offsets = new int[views.length];
        boolean dense = true;
        for (int k = 0; k < views.length; k++) {
            strides[k] = views[k].strides();
            offsets[k] = Math.toIntExact(views[k].offset());
            dense &= views[k].isContiguous();
        }
        long size = views.length > 0 ? views[0].size() : 1;
        if (dense && size > 0 && size <= Integer.MAX_VALUE) {
            return new StridedLoop(size, offsets);
        }
        return new StridedLoop(shape, strides, offsets);
    }

    private static boolean mergeable(int outerExtent, int[][] outerStrides, int outerAxis, int innerExtent,
                                     int[][] strides, int axis) {
        if ((long) outerExtent * innerExtent > Integer.MAX_VALUE) {
            return false;
        }
        for (int k = 0; k < strides.length; k++) {
            if ((long) outerStrides[k][outerAxis] != (long) strides[k][axis] * innerExtent) {
                return false;
            }
        }
        return true;
    }

    /** Number of logical elements. */
    long size() {
        return size;
    }

    /** Stride of operand {@code k} along the rows handed out. */
    int innerStride(int k) {
        return strides[k][shape.length - 1];
    }

    /** Whether the whole loop is a single row (every operand dense or broadcast along it). */
    boolean isSingleRow() {
        return shape.length == 1;
    }

    /** Runs {@code body} over the logical elements {@code [start, end)}. */
    void run(long start, long end, Row body) {
        if (start >= end) {
            return;
        }
        int rank = shape.length;
        int ops = offsets.length;
        int[] idx = new int[rank];
        int[] base = offsets.clone();
        long rem = start;
        for (int axis = rank - 1; axis >= 0; axis--) {
            idx[axis] = (int) (rem % shape[axis]);
            rem /= shape[axis];
            for (int k = 0; k < ops; k++) {
                base[k] += idx[axis] * strides[k][axis];
            }
        }
        int inner = shape[rank - 1];
        long pos = start;
        while (pos < end) {
            int n = (int) Math.min(inner - idx[rank - 1], end - pos);
            body.run(base, n, pos);
            pos += n;
            idx[rank - 1] += n;
            for (int k = 0; k < ops; k++) {
                base[k] += n * strides[k][rank - 1];
            }
            for (int axis = rank - 1; axis > 0 && idx[axis] == shape[axis]; axis--) {
                idx[axis] = 0;
                idx[axis - 1]++;
                for (int k = 0; k < ops; k++) {
                    base[k] += strides[k][axis - 1] - shape[axis] * strides[k][axis];
                }
            }
        }
    }
}
