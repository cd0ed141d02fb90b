package io.faltung.backend.cuda;

import io.faltung.backend.cuda.GemmLayout.Mat;
import io.faltung.backend.cuda.GemmLayout.Plan;
import io.faltung.backend.cuda.library.Cublas;
import io.faltung.spi.Buffer;
import io.faltung.spi.DType;
import io.faltung.spi.GemmSpec;
import io.faltung.spi.View;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * GEMM through {@code cublas[SD]gemmStridedBatched}. Strided operands are passed to cuBLAS as they are
 * whenever {@link GemmLayout} finds a transpose flag and leading dimension for them; the others (and a C
 * that fits neither orientation) go through a dense temporary made by the copy kernel.
 */
final class CudaMatMul {
    private final CudaContext ctx;
    private final CudaElementwise elementwise;

    CudaMatMul(CudaContext ctx, CudaElementwise elementwise) {
        this.ctx = ctx;
        this.elementwise = elementwise;
    }

    void gemm(GemmSpec spec, View a, View b, View c) {
        rank(a, "A");
        rank(b, "B");
        rank(c, "C");
        int batch = c.rank() == 3 ? c.shape()[0] : 1;
        batch(a, "A", batch, c);
        batch(b, "B", batch, c);
        Mat opA = GemmLayout.logical(a, spec.transposeA());
        Mat opB = GemmLayout.logical(b, spec.transposeB());
        Mat mc = GemmLayout.logical(c, false);
        if (opA.rows() != mc.rows() || opB.cols() != mc.cols() || opA.cols() != opB.rows()) {
            throw new IllegalArgumentException("gemm: op(A) is [" + opA.rows() + ", " + opA.cols() + "], op(B) is [" + opB.rows()
                    + ", " + opB.cols() + "] and C is [" + mc.rows() + ", " + mc.cols() + "] (" + spec + ")");
        }
        if (a.dtype() != c.dtype() || b.dtype() != c.dtype()) {
            throw new IllegalArgumentException("gemm: A is " + a.dtype() + ", B is " + b.dtype() + ", C is " + c.dtype()
                    + "; all must match");
        }
        ViewChecks.floating("gemm", "C", c);
        ViewChecks.writable("gemm", c);
        noOverlap(a, "A", c);
        noOverlap(b, "B", c);
        if (batch == 0 || mc.rows() == 0 || mc.cols() == 0) {
            return;
        }
        Plan plan = GemmLayout.plan(opA, opB, mc);
        List<Buffer> temporaries = new ArrayList<>();
        try {
            Cublas.Operand first = operand(plan.first(), plan.firstOp(), plan.swapped() ? b : a, batch, temporaries);
            Cublas.Operand second = operand(plan.second(), plan.secondOp(), plan.swapped() ? a : b, batch, temporaries);
            View target = c;
            if (plan.copyC()) {
                target = View.contiguous(track(ctx.allocate(c.dtype(), (long) batch * mc.rows() * mc.cols()), temporaries),
                        batch, mc.rows(), mc.cols());
                if (spec.beta() != 0) {
                    elementwise.copy(as3d(c, batch), target);
                }
            }
            long strideC = GemmLayout.logical(as3d(target, batch), false).batchStride();
            ctx.cublas.gemmStridedBatched(c.dtype() == DType.FLOAT64, plan.m(), plan.n(), plan.k(), spec.alpha(), first, second,
                    spec.beta(), ctx.buffer(target).at(target.offset()), plan.ldc(), strideC, batch);
            if (plan.copyC()) {
                elementwise.copy(target, as3d(c, batch));
            }
        } finally {
            temporaries.forEach(Buffer::close);
        }
    }

    /** The cuBLAS operand for logical matrix {@code l} of view {@code source}, copying it densely if needed. */
    private Cublas.Operand operand(Mat l, GemmLayout.Operand op, View source, int batch, List<Buffer> temporaries) {
        if (!op.copy()) {
            return new Cublas.Operand(ctx.buffer(source).at(l.offset()), op.transpose(), op.ld(), l.batchStride());
        }
        int copies = l.batchStride() == 0 ? 1 : batch;
        View logical = new View(source.buffer(), new int[] {copies, l.rows(), l.cols()},
                new int[] {(int) l.batchStride(), (int) l.rs(), (int) l.cs()}, l.offset());
        View dense = View.contiguous(track(ctx.allocate(source.dtype(), (long) copies * l.rows() * l.cols()), temporaries),
                copies, l.rows(), l.cols());
        elementwise.copy(logical, dense);
        Mat packed = GemmLayout.packed(l, copies == 1);
        GemmLayout.Operand p = GemmLayout.columnMajor(packed);
        return new Cublas.Operand(ctx.buffer(dense).base(), p.transpose(), p.ld(), packed.batchStride());
    }

    private static Buffer track(Buffer buffer, List<Buffer> temporaries) {
        temporaries.add(buffer);
        return buffer;
    }

    /** {@code v} as [batch, rows, cols] (a rank-2 C is one batch). */
    private static View as3d(View v, int batch) {
        if (v.rank() == 3) {
            return v;
        }
        return new View(v.buffer(), new int[] {1, v.shape()[0], v.shape()[1]}, new int[] {0, v.strides()[0], v.strides()[1]},
                v.offset());
    }

    private static void rank(View v, String name) {
        if (v.rank() != 2 && v.rank() != 3) {
            throw new IllegalArgumentException("gemm: " + name + " must be rank 2 or 3, got shape " + Arrays.toString(v.shape()));
        }
    }

    private static void batch(View v, String name, int batch, View c) {
        if (v.rank() == 3 && v.shape()[0] != 1 && v.shape()[0] != batch) {
            throw new IllegalArgumentException("gemm: " + name + " has batch " + v.shape()[0] + " but C "
                    + Arrays.toString(c.shape()) + " has batch " + batch + " (1 broadcasts)");
        }
    }

    /** Rejects a C whose element range intersects that of {@code v} in the same buffer. */
    private static void noOverlap(View v, String name, View c) {
        if (v.buffer() != c.buffer() || v.size() == 0 || c.size() == 0) {
            return;
        }
        long[] rv = range(v);
        long[] rc = range(c);
        if (rv[0] <= rc[1] && rc[0] <= rv[1]) {
            throw new IllegalArgumentException("gemm: C " + c + " overlaps " + name + " " + v + " (elements " + rc[0] + ".."
                    + rc[1] + " and " + rv[0] + ".." + rv[1] + " of one buffer)");
        }
    }

    private static long[] range(View v) {
        long lo = v.offset();
        long hi = v.offset();
        for (int k = 0; k < v.rank(); k++) {
            long reach = (long) (v.shape()[k] - 1) * v.strides()[k];
            lo += Math.min(0, reach);
            hi += Math.max(0, reach);
        }
        return new long[] {lo, hi};
    }
}
