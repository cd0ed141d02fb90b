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

/**
 * A {@link Backend} that forwards every call to another one. Tests subclass it to inject faults
 * (proving the contract catches them), count calls, or restrict dtypes.
 */
public class ForwardingBackend implements Backend {
    /** The backend calls go to. */
    protected final Backend delegate;

    /** Forwards to {@code delegate}. */
    public ForwardingBackend(Backend delegate) {
        this.delegate = delegate;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public String description() {
        return delegate.description();
    }

    @Override
    public boolean supports(DType dtype) {
        return delegate.supports(dtype);
    }

    @Override
    public Buffer allocate(DType dtype, long count) {
        return delegate.allocate(dtype, count);
    }

    @Override
    public void upload(float[] src, int srcOffset, Buffer dst, long dstOffset, int count) {
        delegate.upload(src, srcOffset, dst, dstOffset, count);
    }

    @Override
    public void upload(double[] src, int srcOffset, Buffer dst, long dstOffset, int count) {
        delegate.upload(src, srcOffset, dst, dstOffset, count);
    }

    @Override
    public void upload(int[] src, int srcOffset, Buffer dst, long dstOffset, int count) {
        delegate.upload(src, srcOffset, dst, dstOffset, count);
    }

    @Override
    public void download(Buffer src, long srcOffset, float[] dst, int dstOffset, int count) {
        delegate.download(src, srcOffset, dst, dstOffset, count);
    }

    @Override
    public void download(Buffer src, long srcOffset, double[] dst, int dstOffset, int count) {
        delegate.download(src, srcOffset, dst, dstOffset, count);
    }

    @Override
    public void download(Buffer src, long srcOffset, int[] dst, int dstOffset, int count) {
        delegate.download(src, srcOffset, dst, dstOffset, count);
    }

    @Override
    public void copy(View src, View dst) {
        delegate.copy(src, dst);
    }

    @Override
    public void fill(View dst, double value) {
        delegate.fill(dst, value);
    }

    @Override
    public MemoryStats memoryStats() {
        return delegate.memoryStats();
    }

    @Override
    public void unary(UnaryOp op, View x, View out) {
        delegate.unary(op, x, out);
    }

    @Override
    public void binary(BinaryOp op, Operand a, Operand b, View out) {
        delegate.binary(op, a, b, out);
    }

    @Override
    public void where(View cond, Operand a, Operand b, View out) {
        delegate.where(cond, a, b, out);
    }

    @Override
    public void reduce(ReduceOp op, View x, int[] axes, View out) {
        delegate.reduce(op, x, axes, out);
    }

    @Override
    public void argMax(View x, int axis, View out) {
        delegate.argMax(x, axis, out);
    }

    @Override
    public void gemm(GemmSpec spec, View a, View b, View c) {
        delegate.gemm(spec, a, b, c);
    }

    @Override
    public void random(RandomSpec spec, long seed, long offset, View out) {
        delegate.random(spec, seed, offset, out);
    }

    @Override
    public void convForward(ConvSpec spec, View x, View w, View y) {
        delegate.convForward(spec, x, w, y);
    }

    @Override
    public void convBackwardData(ConvSpec spec, View dy, View w, View dx) {
        delegate.convBackwardData(spec, dy, w, dx);
    }

    @Override
    public void convBackwardFilter(ConvSpec spec, View x, View dy, View dw) {
        delegate.convBackwardFilter(spec, x, dy, dw);
    }

    @Override
    public void poolForward(PoolSpec spec, View x, View y) {
        delegate.poolForward(spec, x, y);
    }

    @Override
    public void poolBackward(PoolSpec spec, View x, View y, View dy, View dx) {
        delegate.poolBackward(spec, x, y, dy, dx);
    }

    @Override
    public void lstmCellForward(View gates, View cPrev, View h, View c, View saved) {
        delegate.lstmCellForward(gates, cPrev, h, c, saved);
    }

    @Override
    public void lstmCellBackward(View dh, View dc, View saved, View cPrev, View c, View dGates, View dcPrev) {
        delegate.lstmCellBackward(dh, dc, saved, cPrev, c, dGates, dcPrev);
    }

    @Override
    public void gruCellForward(View xGates, View hGates, View hPrev, View h, View saved) {
        delegate.gruCellForward(xGates, hGates, hPrev, h, saved);
    }

    @Override
    public void gruCellBackward(View dh, View saved, View hPrev, View hGates, View dxGates, View dhGates, View dhPrev) {
        delegate.gruCellBackward(dh, saved, hPrev, hGates, dxGates, dhGates, dhPrev);
    }

    @Override
    public void synchronize() {
        delegate.synchronize();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
