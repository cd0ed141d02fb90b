package io.faltung.backend.cpu.kernels;

import io.faltung.backend.cpu.CpuBuffer;
import io.faltung.backend.cpu.Parallel;
import io.faltung.backend.cpu.kernels.GemmKernel.GemmOperand;
import io.faltung.spi.ConvSpec;
import io.faltung.spi.DType;
import io.faltung.spi.View;

/**
 * CONV_FORWARD, CONV_BACKWARD_DATA, CONV_BACKWARD_FILTER over contiguous NCHW views, by lowering
 * images with {@link Im2Col} and multiplying with the packed GEMM ({@link Sgemm} / {@link Dgemm}).
 * With filters {@code W_g [k/G, c/G·r·s]} of group {@code g}:
 * <ul>
 *   <li>forward: {@code Y_g = W_g · cols_g}, then each image's columns of {@code Y} are copied to
 *       its NCHW output;</li>
 *   <li>backward data: {@code cols_g = W_gᵀ · dY_g}, then {@code dx_i = col2im(cols_i)};</li>
 *   <li>backward filter: {@code dW_g += dy_ig · cols_igᵀ} per image, summed over the batch.</li>
 * </ul>
 *
 * <p>Why batches of images: a LeNet-sized product per image is so small that packing the filters
 * for it costs as much as the arithmetic. Forward and backward-data therefore put a batch of images
 * side by side ({@code cols [c·r·s, b·p·q]}, {@code Y [k, b·p·q]}) so the filters are packed once
 * per batch; backward-filter needs every image's columns packed anyway and keeps one product per
 * image. Threads take whole batches (or images), lowering into their own {@link Scratch};
 * backward-filter gives each task a partial {@code dW} held in the caller's scratch and sums them
 * in task order, so results do not depend on scheduling. With fewer batches than threads the
 * batches run in turn and each GEMM is split over the pool instead.
 */
public final class ConvKernel {
    /** Lowered elements per batch: large enough for long products, small enough for the caches. */
    private static final int BATCH_ELEMENTS = 1 << 17;

    private ConvKernel() {
    }

    /** {@code y = conv(x, w)}. */
    public static void forward(Parallel pool, ConvSpec spec, View x, View w, View y) {
        ConvGeometry g = ConvGeometry.of("convForward", spec, x, w, y, "x", "w", "y");
        Object xs = CpuBuffer.arrayOf(x);
        Object ws = CpuBuffer.arrayOf(w);
        Object ys = CpuBuffer.arrayOf(y);
        overBatches(pool, g, (first, count, gemmPool) -> {
            int ld = count * g.outputPlane();
            Object cols = Scratch.array(Scratch.Slot.COLUMNS, x.dtype(), g.loweredSize() * count);
            Object out = Scratch.array(Scratch.Slot.GRADIENTS, x.dtype(), g.k() * ld);
            for (int j = 0; j < count; j++) {
                Im2Col.im2col(g, xs, DenseOperands.offset(x) + (first + j) * g.imageSize(), cols, j * g.outputPlane(), ld);
            }
            Im2Col.zero(out, 0, g.k() * ld);
            for (int group = 0; group < g.groups(); group++) {
                GemmKernel.multiplyAdd(gemmPool, filters(ws, w, g, group, false), block(cols, g.groupRows(), group, ld),
                        block(out, g.filtersPerGroup(), group, ld));
            }
            scatter(g, out, ld, first, count, ys, DenseOperands.offset(y));
        });
    }

    /** {@code dx} (overwritten) = gradient with respect to the input, given {@code dy}. */
    public static void backwardData(Parallel pool, ConvSpec spec, View dy, View w, View dx) {
        ConvGeometry g = ConvGeometry.of("convBackwardData", spec, dx, w, dy, "dx", "w", "dy");
        Object dys = CpuBuffer.arrayOf(dy);
        Object ws = CpuBuffer.arrayOf(w);
        Object dxs = CpuBuffer.arrayOf(dx);
        overBatches(pool, g, (first, count, gemmPool) -> {
            int ld = count * g.outputPlane();
            Object grads = gather(g, dys, DenseOperands.offset(dy), first, count, dy.dtype());
            Object cols = Scratch.array(Scratch.Slot.COLUMNS, dx.dtype(), g.loweredSize() * count);
            Im2Col.zero(cols, 0, g.loweredSize() * count);
            for (int group = 0; group < g.groups(); group++) {
                GemmKernel.multiplyAdd(gemmPool, filters(ws, w, g, group, true), block(grads, g.filtersPerGroup(), group, ld),
                        block(cols, g.groupRows(), group, ld));
            }
            for (int j = 0; j < count; j++) {
                Im2Col.col2im(g, cols, j * g.outputPlane(), ld, dxs, DenseOperands.offset(dx) + (first + j) * g.imageSize());
            }
        });
    }

    /** {@code dw} (overwritten) = gradient with respect to the filters, given {@code x} and {@code dy}. */
    public static void backwardFilter(Parallel pool, ConvSpec spec, View x, View dy, View dw) {
        ConvGeometry g = ConvGeometry.of("convBackwardFilter", spec, x, dw, dy, "x", "dw", "dy");
        Object xs = CpuBuffer.arrayOf(x);
        Object dys = CpuBuffer.arrayOf(dy);
        Object dws = CpuBuffer.arrayOf(dw);
        int size = Math.toIntExact(dw.size());
        int tasks = Math.max(1, Math.min(pool.threads(), g.n()));
        Object[] partials = new Object[tasks];
        int[] partialAt = new int[tasks];
        partials[0] = dws;
        partialAt[0] = DenseOperands.offset(dw);
        if (tasks > 1) {
            System.arraycopy(Scratch.arrays(Scratch.Slot.PARTIALS, x.dtype(), tasks - 1, size), 0, partials, 1, tasks - 1);
        }
        Parallel gemmPool = tasks == 1 ? pool : null;
        pool.forEach(tasks, task -> {
            Object acc = partials[task];
            Im2Col.zero(acc, partialAt[task], partialAt[task] + size);
            Object cols = Scratch.array(Scratch.Slot.COLUMNS, x.dtype(), g.loweredSize());
            for (int image = g.n() * task / tasks; image < g.n() * (task + 1) / tasks; image++) {
                Im2Col.im2col(g, xs, DenseOperands.offset(x) + image * g.imageSize(), cols, 0, g.outputPlane());
                int dyAt = DenseOperands.offset(dy) + image * g.k() * g.outputPlane();
                for (int group = 0; group < g.groups(); group++) {
                    GemmOperand dyRows = GemmOperand.rowMajor(dys, dyAt + group * g.filtersPerGroup() * g.outputPlane(),
                            g.filtersPerGroup(), g.outputPlane());
                    GemmOperand colsT = GemmOperand.transposed(cols, group * g.groupRows() * g.outputPlane(),
                            g.outputPlane(), g.groupRows());
                    GemmKernel.multiplyAdd(gemmPool, dyRows, colsT, GemmOperand.rowMajor(acc,
                            partialAt[task] + group * g.filtersPerGroup() * g.groupRows(), g.filtersPerGroup(), g.groupRows()));
                }
            }
        });
        for (int task = 1; task < tasks; task++) {
            Im2Col.addStrided(partials[task], 0, dws, partialAt[0], 1, size);
        }
    }

    /** Filters of {@code group}, {@code [k/G, c/G·r·s]} row-major, or their transpose. */
    private static GemmOperand filters(Object ws, View w, ConvGeometry g, int group, boolean transposed) {
        int at = DenseOperands.offset(w) + group * g.filtersPerGroup() * g.groupRows();
        return transposed ? GemmOperand.transposed(ws, at, g.groupRows(), g.filtersPerGroup())
                : GemmOperand.rowMajor(ws, at, g.filtersPerGroup(), g.groupRows());
    }

    /** Rows {@code [group·rows, (group+1)·rows)} of a scratch matrix with rows of {@code ld} elements. */
    private static GemmOperand block(Object array, int rows, int group, int ld) {
        return new GemmOperand(array, group * rows * ld, 0, ld, 1, rows, ld);
    }

    /** Copies {@code Y [k, count·p·q]} into the NCHW outputs of images {@code first …}. */
    private static void scatter(ConvGeometry g, Object out, int ld, int first, int count, Object ys, int yOffset) {
        int plane = g.outputPlane();
        for (int j = 0; j < count; j++) {
            for (int k = 0; k < g.k(); k++) {
                Im2Col.copy(out, k * ld + j * plane, ys, yOffset + ((first + j) * g.k() + k) * plane, plane);
            }
        }
    }

    /** The output gradients of images {@code first …} side by side, {@code [k, count·p·q]}, in scratch. */
    private static Object gather(ConvGeometry g, Object dys, int dyOffset, int first, int count, DType dtype) {
        int plane = g.outputPlane();
        int ld = count * plane;
        Object grads = Scratch.array(Scratch.Slot.GRADIENTS, dtype, g.k() * ld);
        for (int j = 0; j < count; j++) {
            for (int k = 0; k < g.k(); k++) {
                Im2Col.copy(dys, dyOffset + ((first + j) * g.k() + k) * plane, grads, k * ld + j * plane, plane);
            }
        }
        return grads;
    }

    /** Work on the images {@code [first, first + count)}; {@code gemmPool} is the pool when the GEMMs may use it. */
    @FunctionalInterface
    private interface BatchTask {
        void run(int first, int count, Parallel gemmPool);
    }

    /**
     * Splits the images into equal batches of at most {@link #BATCH_ELEMENTS} lowered elements, a
     * multiple of the thread count of them when there are enough images, and runs them over the pool
     * (or in turn, with pooled GEMMs, when there are fewer batches than threads).
     */
    private static void overBatches(Parallel pool, ConvGeometry g, BatchTask task) {
        if (g.n() == 0) {
            return;
        }
        int capacity = Math.max(1, BATCH_ELEMENTS / Math.max(1, g.loweredSize()));
        int rounds = (g.n() + pool.threads() * capacity - 1) / (pool.threads() * capacity);
        int batches = Math.min(g.n(), rounds * pool.threads());
        if (batches >= pool.threads()) {
            pool.forEach(batches, b -> run(task, g, b, batches, null));
        } else {
            for (int b = 0; b < batches; b++) {
                run(task, g, b, batches, pool);
            }
        }
    }

    private static void run(BatchTask task, ConvGeometry g, int batch, int batches, Parallel gemmPool) {
        int first = g.n() * batch / batches;
        task.run(first, g.n() * (batch + 1) / batches - first, gemmPool);
    }
}
