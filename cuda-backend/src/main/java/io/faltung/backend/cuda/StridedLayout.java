package io.faltung.backend.cuda;

import io.faltung.spi.View;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Strided views as the kernels see them: the 80-byte {@code Strided} struct of
 * {@code native/kernels/common.cuh} ({@code long long offset; int rank; int shape[8]; int stride[8]; int pad;}),
 * packed into 20 little-endian ints for {@code cuLaunchKernel}.
 *
 * <p>Before packing, views that are visited together are {@linkplain #merge merged}: axes of extent 1
 * are dropped and neighbouring axes that are contiguous relative to each other in every view become
 * one, so a dense tensor of any rank reaches the kernel as rank 1 and index arithmetic stays cheap.
 */
public final class StridedLayout {
    /** Largest rank the kernels accept after merging. */
    public static final int MAX_RANK = 8;
    /** Number of ints of the packed struct. */
    public static final int INTS = 20;

    private StridedLayout() {
    }

    /** A common shape and one stride array per view, after merging. */
    public record Merged(int[] shape, int[][] strides) {
        /** Number of axes. */
        public int rank() {
            return shape.length;
        }

        /** Number of elements. */
        public long size() {
            long n = 1;
            for (int e : shape) {
                n *= e;
            }
            return n;
        }
    }

    /**
     * Merges the axes of views that share {@code shape} ({@code strides[v]} belongs to view v).
     * Throws {@link IllegalArgumentException} naming {@code op} if more than {@link #MAX_RANK} axes remain.
     */
    public static Merged merge(String op, int[] shape, int[]... strides) {
        List<Integer> extents = new ArrayList<>();
        List<int[]> mergedStrides = new ArrayList<>();
        for (int k = shape.length - 1; k >= 0; k--) {
            if (shape[k] == 1) {
                continue;
            }
            int last = extents.size() - 1;
            if (last >= 0 && canMerge(k, extents.get(last), mergedStrides.get(last), shape, strides)) {
                extents.set(last, extents.get(last) * shape[k]);
                continue;
            }
            int[] s = new int[strides.length];
            for (int v = 0; v < strides.length; v++) {
                s[v] = strides[v][k];
            }
            extents.add(shape[k]);
            mergedStrides.add(s);
        }
        int rank = extents.size();
        if (rank > MAX_RANK) {
            throw new IllegalArgumentException(op + ": views of shape " + Arrays.toString(shape) + " keep " + rank
                    + " axes after merging contiguous ones; the CUDA kernels take at most " + MAX_RANK);
        }
        int[] outShape = new int[rank];
        int[][] outStrides = new int[strides.length][rank];
        for (int i = 0; i < rank; i++) {
            outShape[rank - 1 - i] = extents.get(i);
            for (int v = 0; v < strides.length; v++) {
                outStrides[v][rank - 1 - i] = mergedStrides.get(i)[v];
            }
        }
        return new Merged(outShape, outStrides);
    }

    private static boolean canMerge(int k, int innerExtent, int[] innerStrides, int[] shape, int[][] strides) {
        if ((long) innerExtent * shape[k] > Integer.MAX_VALUE) {
            return false;
        }
        for (int v = 0; v < strides.length; v++) {
            if ((long) strides[v][k] != (long) innerStrides[v] * innerExtent) {
                return false;
            }
        }
        return true;
    }

    /** Merges views that all have the logical shape of {@code views[0]}. */
    public static Merged merge(String op, View... views) {
        int[][] strides = new int[views.length][];
        for (int v = 0; v < views.length; v++) {
            strides[v] = views[v].strides();
        }
        return merge(op, views[0].shape(), strides);
    }

    /** The struct for a view with element {@code offset}, merged {@code shape} and {@code strides}. */
    public static int[] pack(long offset, int[] shape, int[] strides) {
        if (shape.length > MAX_RANK || strides.length != shape.length) {
            throw new IllegalArgumentException("cannot pack rank " + shape.length + " (strides " + strides.length
                    + ") into a Strided struct of at most " + MAX_RANK + " axes");
        }
        int[] s = new int[INTS];
        s[0] = (int) offset;
        s[1] = (int) (offset >>> 32);
        s[2] = shape.length;
        System.arraycopy(shape, 0, s, 3, shape.length);
        System.arraycopy(strides, 0, s, 3 + MAX_RANK, strides.length);
        return s;
    }

    /** The struct of view {@code v} of a merge, with that view's element offset. */
    public static int[] pack(Merged merged, int v, long offset) {
        return pack(offset, merged.shape(), merged.strides()[v]);
    }
}
