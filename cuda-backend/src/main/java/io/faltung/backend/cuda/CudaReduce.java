package io.faltung.backend.cuda;

import io.faltung.backend.cuda.library.KernelArgs;
import io.faltung.backend.cuda.library.Kernels;
import io.faltung.spi.DType;
import io.faltung.spi.ReduceOp;
import io.faltung.spi.View;
import java.util.Arrays;

/**
 * REDUCE and ARG_MAX on the GPU ({@code native/kernels/reduce.cu}). The input is split into its kept
 * and reduced axes (each merged where contiguous); groups of up to 256 threads reduce one output each.
 * When there are too few outputs to fill the GPU, each output's reduced range is cut into slices whose
 * partial results (in the accumulation type) are combined, in order, by a second kernel.
 */
final class CudaReduce {
    private final CudaContext ctx;

    CudaReduce(CudaContext ctx) {
        this.ctx = ctx;
    }

    /** Kernel code of {@code op} (the enum in reduce.cu). */
    static int code(ReduceOp op) {
        return switch (op) {
            case SUM -> 0;
            case MAX -> 1;
            case MIN -> 2;
        };
    }

    /** The power-of-two group size for reducing {@code n} elements: up to one block. */
    static int groupSize(long n) {
        int g = 1;
        while (g < n && g < Kernels.BLOCK) {
            g <<= 1;
        }
        return g;
    }

    /** How many slices each of {@code nOut} outputs of {@code nRed} elements is cut into. */
    static long slices(long nOut, long nRed, int group, int maxBlocks) {
        int perBlock = Kernels.BLOCK / group;
        long blocks = (nOut + perBlock - 1) / perBlock;
        long perGroupWork = (long) group * 8;
        if (blocks * 4 >= maxBlocks || nRed <= perGroupWork) {
            return 1;
        }
        long wanted = Math.max(1, (long) maxBlocks * perBlock / Math.max(1, nOut));
        return Math.max(1, Math.min((nRed + perGroupWork - 1) / perGroupWork, wanted));
    }

    void reduce(ReduceOp op, View x, int[] axes, View out) {
        String name = "reduce " + op;
        boolean[] reduced = new boolean[x.rank()];
        for (int i = 0; i < axes.length; i++) {
            if (axes[i] < 0 || axes[i] >= x.rank() || i > 0 && axes[i] <= axes[i - 1]) {
                throw new IllegalArgumentException(name + ": axes " + Arrays.toString(axes)
                        + " must be sorted, distinct and within rank " + x.rank());
            }
            reduced[axes[i]] = true;
        }
        int[] expected = x.shape().clone();
        for (int k = 0; k < expected.length; k++) {
            expected[k] = reduced[k] ? 1 : expected[k];
        }
        ViewChecks.shape(name, "out", out, expected);
        ViewChecks.dtype(name, "out", out, x.dtype());
        ViewChecks.writable(name, out);
        Axes kept = Axes.select(x, out, reduced, false);
        Axes red = Axes.select(x, out, reduced, true);
        StridedLayout.Merged keptMerged = StridedLayout.merge(name, kept.shape, kept.xStrides, kept.outStrides);
        StridedLayout.Merged redMerged = StridedLayout.merge(name, red.shape, red.xStrides);
        long nOut = keptMerged.size();
        long nRed = redMerged.size();
        if (nOut == 0) {
            return;
        }
        int group = groupSize(nRed);
        long slices = slices(nOut, nRed, group, ctx.kernels.maxBlocks());
        long chunk = Math.max(1, (nRed + slices - 1) / slices);
        slices = nRed == 0 ? 1 : (nRed + chunk - 1) / chunk;
        String sfx = Kernels.suffix(x.dtype());
        DType acc = x.dtype() == DType.FLOAT32 ? DType.FLOAT32 : DType.FLOAT64;
        try (CudaBuffer partial = slices > 1 ? ctx.allocate(acc, nOut * slices) : null) {
            KernelArgs args = new KernelArgs().i32(code(op)).i64(nOut).i64(nRed).i64(chunk).i32(group)
                    .ptr(ctx.buffer(x).base()).strided(StridedLayout.pack(keptMerged, 0, x.offset()))
                    .strided(StridedLayout.pack(redMerged, 0, 0))
                    .ptr(ctx.buffer(out).base()).strided(StridedLayout.pack(keptMerged, 1, out.offset()));
            if (partial == null) {
                args.nullPtr();
            } else {
                args.ptr(partial.base());
            }
            ctx.kernels.launchBlocks("reduce_" + sfx, blocks(nOut * slices, group), args);
            if (partial != null) {
                ctx.kernels.launch("reduce_finish_" + sfx, nOut, new KernelArgs().i32(code(op)).i64(nOut).i64(slices)
                        .ptr(partial.base()).ptr(ctx.buffer(out).base())
                        .strided(StridedLayout.pack(keptMerged, 1, out.offset())));
            }
        }
    }

    void argMax(View x, int axis, View out) {
        if (axis < 0 || axis >= x.rank()) {
            throw new IllegalArgumentException("argMax: axis " + axis + " out of range for x of shape " + Arrays.toString(x.shape()));
        }
        if (x.shape()[axis] == 0) {
            throw new IllegalArgumentException("argMax: axis " + axis + " of x " + Arrays.toString(x.shape()) + " is empty");
        }
        int[] expected = x.shape().clone();
        expected[axis] = 1;
        ViewChecks.shape("argMax", "out", out, expected);
        ViewChecks.dtype("argMax", "out", out, DType.INT32);
        ViewChecks.writable("argMax", out);
        boolean[] reduced = new boolean[x.rank()];
        reduced[axis] = true;
        Axes kept = Axes.select(x, out, reduced, false);
        StridedLayout.Merged m = StridedLayout.merge("argMax", kept.shape, kept.xStrides, kept.outStrides);
        long nOut = m.size();
        int nAxis = x.shape()[axis];
        int group = groupSize(nAxis);
        KernelArgs args = new KernelArgs().i64(nOut).i32(nAxis).i32(group)
                .ptr(ctx.buffer(x).base()).strided(StridedLayout.pack(m, 0, x.offset())).i32(x.strides()[axis])
                .ptr(ctx.buffer(out).base()).strided(StridedLayout.pack(m, 1, out.offset()));
        if (nOut > 0) {
            ctx.kernels.launchBlocks("argmax_" + Kernels.suffix(x.dtype()), blocks(nOut, group), args);
        }
    }

    private int blocks(long items, int group) {
        int perBlock = Kernels.BLOCK / group;
        return (int) Math.min((items + perBlock - 1) / perBlock, ctx.kernels.maxBlocks());
    }

    /** The kept (or reduced) axes of x: their extents and the strides of x and out on them. */
    private record Axes(int[] shape, int[] xStrides, int[] outStrides) {
        static Axes select(View x, View out, boolean[] reduced, boolean wantReduced) {
            int n = 0;
            for (boolean r : reduced) {
                n += r == wantReduced ? 1 : 0;
            }
            int[] shape = new int[n];
            int[] xs = new int[n];
            int[] os = new int[n];
            int i = 0;
            for (int k = 0; k < reduced.length; k++) {
                if (reduced[k] == wantReduced) {
                    shape[i] = x.shape()[k];
                    xs[i] = x.strides()[k];
                    os[i] = out.strides()[k];
                    i++;
                }
            }
            return new Axes(shape, xs, os);
        }
    }
}
