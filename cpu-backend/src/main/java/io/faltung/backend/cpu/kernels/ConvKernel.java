package io.faltung.backend.cpu.kernels;

import io.faltung.backend.cpu.CpuBuffer;
import io.faltung.backend.cpu.Parallel;
import io.faltung.backend.cpu.kernels.GemmKernel.GemmOperand;
import io.faltung.spi.ConvSpec;
import io.faltung.spi.View;

/**
 * CONV_FORWARD, CONV_BACKWARD_DATA, CONV_BACKWARD_FILTER over contiguous NCHW views, by lowering
 * each image with {@link Im2Col} and multiplying with the packed GEMM ({@link Sgemm} / {@link Dgemm}).
 * Per image {@code i} and group {@code g} (filters {@code W_g [k/G, c/G·r·s]}, lowered rows
 * {@code cols_g [c/G·r·s, p·q]}, output rows {@code y_ig [k/G, p·q]}):
 * <ul>
 *   <li>forward: {@code y_ig = W_g · cols_g} — the output lands in NCHW order directly;</li>
 *   <li>backward data: {@code cols_g = W_gᵀ · dy_ig}, then {@code dx_i = col2im(cols)};</li>
 *   <li>backward filter: {@code dW_g += dy_ig · cols_gᵀ}, summed over the batch.</li>
 * </ul>
 * 1×1 filters at stride 1 without padding skip the lowering (the image is its own lowered matrix).
 *
 * <p>Threads take whole images (one GEMM per image and group runs on one thread, lowering into that
 * thread's {@link Scratch}); backward-filter gives each task a partial {@code dW} held in the
 * caller's scratch and sums them in task order, so results do not depend on scheduling. With fewer
 * images than threads the images run in turn and each GEMM is split over the pool instead.
 */
public final class ConvKernel {
    private ConvKernel() {
    }

    /** {@code y = conv(x, w)}. */
    public static void forward(Parallel pool, ConvSpec spec, View x, View w, View y) {
        ConvGeometry g = ConvGeometry.of("convForward", spec, x, w, y, "x", "w", "y");
        Object xs = CpuBuffer.arrayOf(x);
        Object ws = CpuBuffer.arrayOf(w);
        Object ys = CpuBuffer.arrayOf(y);
        overImages(pool, g, (image, gemmPool) -> {
            Lowered cols = Lowered.of(g, x, xs, image, true);
            int yAt = DenseOperands.offset(y) + image * g.k() * g.outputPlane();
            Im2Col.zero(ys, yAt, yAt + g.k() * g.outputPlane());
            for (int group = 0; group < g.groups(); group++) {
                GemmKernel.multiplyAdd(gemmPool, filters(ws, w, g, group, false), cols.rows(group), outputRows(ys, yAt, g, group));
            }
        });
    }

    /** {@code dx} (overwritten) = gradient with respect to the input, given {@code dy}. */
    public static void backwardData(Parallel pool, ConvSpec spec, View dy, View w, View dx) {
        ConvGeometry g = ConvGeometry.of("convBackwardData", spec, dx, w, dy, "dx", "w", "dy");
        Object dys = CpuBuffer.arrayOf(dy);
        Object ws = CpuBuffer.arrayOf(w);
        Object dxs = CpuBuffer.arrayOf(dx);
        overImages(pool, g, (image, gemmPool) -> {
            Lowered cols = Lowered.of(g, dx, dxs, image, false);
            Im2Col.zero(cols.array(), cols.at(), cols.at() + g.loweredSize());
            int dyAt = DenseOperands.offset(dy) + image * g.k() * g.outputPlane();
            for (int group = 0; group < g.groups(); group++) {
                GemmKernel.multiplyAdd(gemmPool, filters(ws, w, g, group, true), outputRows(dys, dyAt, g, group), cols.rows(group));
            }
            if (!g.pointwise()) {
                Im2Col.col2im(g, cols.array(), dxs, DenseOperands.offset(dx) + image * g.imageSize());
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
            for (int image = g.n() * task / tasks; image < g.n() * (task + 1) / tasks; image++) {
                Lowered cols = Lowered.of(g, x, xs, image, true);
                int dyAt = DenseOperands.offset(dy) + image * g.k() * g.outputPlane();
                for (int group = 0; group < g.groups(); group++) {
                    GemmKernel.multiplyAdd(gemmPool, outputRows(dys, dyAt, g, group), cols.transposedRows(group),
                            GemmOperand.rowMajor(acc, partialAt[task] + group * g.filtersPerGroup() * g.groupRows(),
                                    g.filtersPerGroup(), g.groupRows()));
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

    /** Output (or output-gradient) rows of {@code group} in the image at {@code at}: {@code [k/G, p·q]}. */
    private static GemmOperand outputRows(Object ys, int at, ConvGeometry g, int group) {
        return GemmOperand.rowMajor(ys, at + group * g.filtersPerGroup() * g.outputPlane(), g.filtersPerGroup(),
                g.outputPlane());
    }

    /**
     * The lowered matrix {@code [c·r·s, p·q]} of one image: the image itself when the convolution
     * is pointwise, else this thread's scratch (filled by im2col when {@code lower} is set).
     */
    private record Lowered(ConvGeometry g, Object array, int at) {
        static Lowered of(ConvGeometry g, View images, Object array, int image, boolean lower) {
            int imageAt = DenseOperands.offset(images) + image * g.imageSize();
            if (g.pointwise()) {
                return new Lowered(g, array, imageAt);
            }
            Object cols = Scratch.array(Scratch.Slot.COLUMNS, images.dtype(), g.loweredSize());
            if (lower) {
                Im2Col.im2col(g, array, imageAt, cols);
            }
            return new Lowered(g, cols, 0);
        }

        /** The rows of {@code group}: {@code [c/G·r·s, p·q]}. */
        GemmOperand rows(int group) {
            return GemmOperand.rowMajor(array, at + group * g.groupRows() * g.outputPlane(), g.groupRows(), g.outputPlane());
        }

        /** Their transpose, {@code [p·q, c/G·r·s]}. */
        GemmOperand transposedRows(int group) {
            return GemmOperand.transposed(array, at + group * g.groupRows() * g.outputPlane(), g.outputPlane(), g.groupRows());
        }
    }

    /** Work on one image; {@code gemmPool} is the pool when the GEMMs may use it, else null. */
    @FunctionalInterface
    private interface ImageTask {
        void run(int image, Parallel gemmPool);
    }

    /** Images spread over the pool, or in turn with pooled GEMMs when there are fewer images than threads. */
    private static void overImages(Parallel pool, ConvGeometry g, ImageTask task) {
        if (g.n() >= pool.threads()) {
            pool.forEach(g.n(), image -> task.run(image, null));
        } else {
            for (int image = 0; image < g.n(); image++) {
                task.run(image, pool);
            }
        }
    }
}
