package io.faltung.backend.cpu;

import io.faltung.backend.cpu.kernels.ArgMaxKernel;
import io.faltung.backend.cpu.kernels.BinaryKernel;
import io.faltung.backend.cpu.kernels.ConvKernel;
import io.faltung.backend.cpu.kernels.CopyKernel;
import io.faltung.backend.cpu.kernels.FillKernel;
import io.faltung.backend.cpu.kernels.GemmKernel;
import io.faltung.backend.cpu.kernels.GruCellKernel;
import io.faltung.backend.cpu.kernels.LstmCellKernel;
import io.faltung.backend.cpu.kernels.PoolKernel;
import io.faltung.backend.cpu.kernels.RandomKernel;
import io.faltung.backend.cpu.kernels.ReduceKernel;
import io.faltung.backend.cpu.kernels.UnaryKernel;
import io.faltung.backend.cpu.kernels.WhereKernel;
import io.faltung.spi.Backend;
import io.faltung.spi.Buffer;
import io.faltung.spi.BinaryOp;
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
 * The pure-Java backend: buffers are heap arrays, kernels are Java loops (the GEMM micro-kernel uses
 * the Vector API when the {@code jdk.incubator.vector} module is present), large work is split over
 * a persistent pool of one thread per core. Synchronous: every method has finished when it returns.
 */
public final class CpuBackend implements Backend {
    /** The name in the backend policy. */
    public static final String NAME = "cpu";

    private final Parallel pool;
    /**
     * System property: how many bytes of closed buffers' arrays are kept for reuse (default an eighth
     * of the maximum heap, at most 256 MiB; 0 turns reuse off).
     */
    public static final String RECYCLE_PROPERTY = "faltung.cpu.recycleBytes";

    private final MemoryLedger ledger = new MemoryLedger();
    private final RecycledArrays recycled;

    /** A backend using {@code threads} threads (the caller's included). */
    public CpuBackend(int threads) {
        this.pool = new Parallel(threads);
        this.recycled = new RecycledArrays(recycleBytes());
    }

    private static long recycleBytes() {
        String configured = System.getProperty(RECYCLE_PROPERTY);
        if (configured == null || configured.isBlank()) {
            return Math.min(Runtime.getRuntime().maxMemory() / 8, 256L << 20);
        }
        try {
            return Math.max(0, Long.parseLong(configured.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(RECYCLE_PROPERTY + " must be a number of bytes, got '" + configured + "'", e);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return NAME + " (" + pool.threads() + (pool.threads() == 1 ? " thread" : " threads") + ")";
    }

    @Override
    public boolean supports(DType dtype) {
        return true;
    }

    @Override
    public Buffer allocate(DType dtype, long count) {
        if (count < 0 || count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("cpu backend: cannot allocate " + count + " elements of " + dtype
                    + " (a heap array holds at most " + (Integer.MAX_VALUE - 8) + ")");
        }
        return new CpuBuffer(dtype, (int) count, ledger, recycled);
    }

    @Override
    public void upload(float[] src, int srcOffset, Buffer dst, long dstOffset, int count) {
        System.arraycopy(src, srcOffset, typed(dst, DType.FLOAT32, "upload"), Math.toIntExact(dstOffset), count);
    }

    @Override
    public void upload(double[] src, int srcOffset, Buffer dst, long dstOffset, int count) {
        System.arraycopy(src, srcOffset, typed(dst, DType.FLOAT64, "upload"), Math.toIntExact(dstOffset), count);
    }

    @Override
    public void upload(int[] src, int srcOffset, Buffer dst, long dstOffset, int count) {
        System.arraycopy(src, srcOffset, typed(dst, DType.INT32, "upload"), Math.toIntExact(dstOffset), count);
    }

    @Override
    public void download(Buffer src, long srcOffset, float[] dst, int dstOffset, int count) {
        System.arraycopy(typed(src, DType.FLOAT32, "download"), Math.toIntExact(srcOffset), dst, dstOffset, count);
    }

    @Override
    public void download(Buffer src, long srcOffset, double[] dst, int dstOffset, int count) {
        System.arraycopy(typed(src, DType.FLOAT64, "download"), Math.toIntExact(srcOffset), dst, dstOffset, count);
    }

    @Override
    public void download(Buffer src, long srcOffset, int[] dst, int dstOffset, int count) {
        System.arraycopy(typed(src, DType.INT32, "download"), Math.toIntExact(srcOffset), dst, dstOffset, count);
    }

    /** The array of {@code buffer}, checked to be an open CPU buffer of {@code dtype}. */
    private static Object typed(Buffer buffer, DType dtype, String op) {
        if (!(buffer instanceof CpuBuffer cpu)) {
            throw new IllegalArgumentException("cpu backend " + op + ": not a cpu buffer: " + buffer);
        }
        if (cpu.dtype() != dtype) {
            throw new IllegalArgumentException("cpu backend " + op + ": host array of " + dtype + " but buffer holds "
                    + cpu.dtype());
        }
        return cpu.array();
    }

    @Override
    public void copy(View src, View dst) {
        CopyKernel.run(pool, src, dst);
    }

    @Override
    public void fill(View dst, double value) {
        FillKernel.run(pool, dst, value);
    }

    @Override
    public MemoryStats memoryStats() {
        return ledger.stats();
    }

    @Override
    public void unary(UnaryOp op, View x, View out) {
        UnaryKernel.run(pool, op, x, out);
    }

    @Override
    public void binary(BinaryOp op, Operand a, Operand b, View out) {
        BinaryKernel.run(pool, op, a, b, out);
    }

    @Override
    public void where(View cond, Operand a, Operand b, View out) {
        WhereKernel.run(pool, cond, a, b, out);
    }

    @Override
    public void reduce(ReduceOp op, View x, int[] axes, View out) {
        ReduceKernel.run(pool, op, x, axes, out);
    }

    @Override
    public void argMax(View x, int axis, View out) {
        ArgMaxKernel.run(x, axis, out);
    }

    @Override
    public void gemm(GemmSpec spec, View a, View b, View c) {
        GemmKernel.run(pool, spec, a, b, c);
    }

    @Override
    public void random(RandomSpec spec, long seed, long offset, View out) {
        RandomKernel.run(pool, spec, seed, offset, out);
    }

    @Override
    public void convForward(ConvSpec spec, View x, View w, View y) {
        ConvKernel.forward(pool, spec, x, w, y);
    }

    @Override
    public void convBackwardData(ConvSpec spec, View dy, View w, View dx) {
        ConvKernel.backwardData(pool, spec, dy, w, dx);
    }

    @Override
    public void convBackwardFilter(ConvSpec spec, View x, View dy, View dw) {
        ConvKernel.backwardFilter(pool, spec, x, dy, dw);
    }

    @Override
    public void poolForward(PoolSpec spec, View x, View y) {
        PoolKernel.forward(pool, spec, x, y);
    }

    @Override
    public void poolBackward(PoolSpec spec, View x, View y, View dy, View dx) {
        PoolKernel.backward(pool, spec, x, y, dy, dx);
    }

    @Override
    public void lstmCellForward(View gates, View cPrev, View h, View c, View saved) {
        LstmCellKernel.forward(pool, gates, cPrev, h, c, saved);
    }

    @Override
    public void lstmCellBackward(View dh, View dc, View saved, View cPrev, View c, View dGates, View dcPrev) {
        LstmCellKernel.backward(pool, dh, dc, saved, cPrev, c, dGates, dcPrev);
    }

    @Override
    public void gruCellForward(View xGates, View hGates, View hPrev, View h, View saved) {
        GruCellKernel.forward(pool, xGates, hGates, hPrev, h, saved);
    }

    @Override
    public void gruCellBackward(View dh, View saved, View hPrev, View hGates, View dxGates, View dhGates, View dhPrev) {
        GruCellKernel.backward(pool, dh, saved, hPrev, hGates, dxGates, dhGates, dhPrev);
    }

    @Override
    public void close() {
        pool.close();
        recycled.clear();
    }
}
