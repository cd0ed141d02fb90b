package io.faltung.testkit;

import io.faltung.spi.Backend;
import io.faltung.spi.BinaryOp;
import io.faltung.spi.Buffer;
import io.faltung.spi.ConvSpec;
import io.faltung.spi.DType;
import io.faltung.spi.GemmSpec;
import io.faltung.spi.MemoryStats;
import io.faltung.spi.Operand;
import io.faltung.spi.PoolSpec;
import io.faltung.spi.RandomSpec;
import io.faltung.spi.ReduceOp;
import io.faltung.spi.UnaryOp;
import io.faltung.spi.View;
import io.faltung.testkit.reference.ReferenceConvolution;
import io.faltung.testkit.reference.ReferenceElementwise;
import io.faltung.testkit.reference.ReferenceGemm;
import io.faltung.testkit.reference.ReferenceMemory;
import io.faltung.testkit.reference.ReferencePooling;
import io.faltung.testkit.reference.ReferenceRandom;
import io.faltung.testkit.reference.ReferenceRecurrentCells;
import io.faltung.testkit.reference.ReferenceReduce;

/**
 * The root of trust of the parity chain: a {@link Backend} made of naive loops that compute every
 * primitive in double precision, for every dtype. FLOAT32 buffers hold {@code float[]} and results
 * are rounded to float only when stored; FLOAT64 buffers hold {@code double[]}; INT32 {@code int[]}.
 *
 * <p>It is strict where a fast backend may be lenient: outputs that address an element twice,
 * foreign or closed buffers, mismatched shapes or dtypes all throw {@link IllegalArgumentException}
 * or {@link IllegalStateException}; fresh buffers hold NaN so reads of unwritten memory show; and
 * {@link #close()} throws while buffers are still open, so leaks fail tests. Slow by design — use
 * it for small tensors.
 *
 * <p>One family of primitives per kernel class in {@code io.faltung.testkit.reference}; a new
 * primitive adds a class there and a line here.
 */
public final class ReferenceBackend implements Backend {
    private final ReferenceMemory memory = new ReferenceMemory();
    private boolean closed;

    @Override
    public String name() {
        return "reference";
    }

    @Override
    public String description() {
        return "reference (naive float64 loops, test only)";
    }

    @Override
    public boolean supports(DType dtype) {
        return dtype != null;
    }

    @Override
    public Buffer allocate(DType dtype, long count) {
        requireOpen();
        return memory.allocate(dtype, count);
    }

    @Override
    public void upload(float[] src, int srcOffset, Buffer dst, long dstOffset, int count) {
        ReferenceMemory.upload(src, srcOffset, src.length, DType.FLOAT32, dst, dstOffset, count);
    }

    @Override
    public void upload(double[] src, int srcOffset, Buffer dst, long dstOffset, int count) {
        ReferenceMemory.upload(src, srcOffset, src.length, DType.FLOAT64, dst, dstOffset, count);
    }

    @Override
    public void upload(int[] src, int srcOffset, Buffer dst, long dstOffset, int count) {
        ReferenceMemory.upload(src, srcOffset, src.length, DType.INT32, dst, dstOffset, count);
    }

    @Override
    public void download(Buffer src, long srcOffset, float[] dst, int dstOffset, int count) {
        ReferenceMemory.download(src, srcOffset, DType.FLOAT32, dst, dstOffset, dst.length, count);
    }

    @Override
    public void download(Buffer src, long srcOffset, double[] dst, int dstOffset, int count) {
        ReferenceMemory.download(src, srcOffset, DType.FLOAT64, dst, dstOffset, dst.length, count);
    }

    @Override
    public void download(Buffer src, long srcOffset, int[] dst, int dstOffset, int count) {
        ReferenceMemory.download(src, srcOffset, DType.INT32, dst, dstOffset, dst.length, count);
    }

    @Override
    public void copy(View src, View dst) {
        ReferenceElementwise.copy(src, dst);
    }

    @Override
    public void fill(View dst, double value) {
        ReferenceElementwise.fill(dst, value);
    }

    @Override
    public MemoryStats memoryStats() {
        return memory.stats();
    }

    @Override
    public void unary(UnaryOp op, View x, View out) {
        ReferenceElementwise.unary(op, x, out);
    }

    @Override
    public void binary(BinaryOp op, Operand a, Operand b, View out) {
        ReferenceElementwise.binary(op, a, b, out);
    }

    @Override
    public void where(View cond, Operand a, Operand b, View out) {
        ReferenceElementwise.where(cond, a, b, out);
    }

    @Override
    public void reduce(ReduceOp op, View x, int[] axes, View out) {
        ReferenceReduce.reduce(op, x, axes, out);
    }

    @Override
    public void argMax(View x, int axis, View out) {
        ReferenceReduce.argMax(x, axis, out);
    }

    @Override
    public void gemm(GemmSpec spec, View a, View b, View c) {
        ReferenceGemm.gemm(spec, a, b, c);
    }

    @Override
    public void random(RandomSpec spec, long seed, long offset, View out) {
        ReferenceRandom.random(spec, seed, offset, out);
    }

    @Override
    public void convForward(ConvSpec spec, View x, View w, View y) {
        ReferenceConvolution.forward(spec, x, w, y);
    }

    @Override
    public void convBackwardData(ConvSpec spec, View dy, View w, View dx) {
        ReferenceConvolution.backwardData(spec, dy, w, dx);
    }

    @Override
    public void convBackwardFilter(ConvSpec spec, View x, View dy, View dw) {
        ReferenceConvolution.backwardFilter(spec, x, dy, dw);
    }

    @Override
    public void poolForward(PoolSpec spec, View x, View y) {
        ReferencePooling.forward(spec, x, y);
    }

    @Override
    public void poolBackward(PoolSpec spec, View x, View y, View dy, View dx) {
        ReferencePooling.backward(spec, x, y, dy, dx);
    }

    @Override
    public void lstmCellForward(View gates, View cPrev, View h, View c, View saved) {
        ReferenceRecurrentCells.lstmForward(gates, cPrev, h, c, saved);
    }

    @Override
    public void lstmCellBackward(View dh, View dc, View saved, View cPrev, View c, View dGates, View dcPrev) {
        ReferenceRecurrentCells.lstmBackward(dh, dc, saved, cPrev, c, dGates, dcPrev);
    }

    @Override
    public void gruCellForward(View xGates, View hGates, View hPrev, View h, View saved) {
        ReferenceRecurrentCells.gruForward(xGates, hGates, hPrev, h, saved);
    }

    @Override
    public void gruCellBackward(View dh, View saved, View hPrev, View hGates, View dxGates, View dhGates, View dhPrev) {
        ReferenceRecurrentCells.gruBackward(dh, saved, hPrev, hGates, dxGates, dhGates, dhPrev);
    }

    /** Throws {@link IllegalStateException} if buffers are still open (a leak); idempotent otherwise. */
    @Override
    public void close() {
        MemoryStats stats = memory.stats();
        if (stats.liveBuffers() != 0) {
            throw new IllegalStateException("reference backend closed with " + stats.liveBuffers()
                    + " open buffers (" + stats.liveBytes() + " bytes): close them first");
        }
        closed = true;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("reference backend used after close()");
        }
    }
}
