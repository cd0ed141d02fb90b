package io.faltung.backend.cuda;

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
 * The {@link Backend} on one NVIDIA GPU: GEMM on cuBLAS, convolution and pooling on cuDNN, everything
 * else on Faltung's own kernels (faltung-native). All work goes to one stream in call order; host
 * transfers use pinned staging; buffers come from a caching allocator. Supports FLOAT32, FLOAT64 and
 * INT32 (INT32 for copy, fill, elementwise, reduce and argMax; GEMM, random, convolution, pooling and
 * the cells need a floating type, as on every backend).
 *
 * <p>Calls are serialised on this object and make the GPU context current on the calling thread.
 * Open it through {@link CudaBackendProvider} (or {@code Backends.select("cuda")}).
 */
public final class CudaBackend implements Backend {
    private final CudaContext ctx;
    private final CudaElementwise elementwise;
    private final CudaReduce reductions;
    private final CudaMatMul matmul;
    private final CudaRandom random;
    private final CudaConvolution convolution;
    private final CudaRecurrentCells cells;
    private boolean closed;

    CudaBackend(CudaContext ctx) {
        this.ctx = ctx;
        this.elementwise = new CudaElementwise(ctx);
        this.reductions = new CudaReduce(ctx);
        this.matmul = new CudaMatMul(ctx, elementwise);
        this.random = new CudaRandom(ctx);
        this.convolution = new CudaConvolution(ctx, elementwise);
        this.cells = new CudaRecurrentCells(ctx);
    }

    /** Opens the GPU with {@code options}; throws with the failing step's reason if it cannot. */
    public static CudaBackend open(CudaOptions options) {
        return new CudaBackend(CudaContext.open(options));
    }

    @Override
    public String name() {
        return "cuda";
    }

    @Override
    public String description() {
        return ctx.description;
    }

    @Override
    public boolean supports(DType dtype) {
        return dtype != null;
    }

    /** The options this backend was opened with. */
    public CudaOptions options() {
        return ctx.options;
    }

    /** Bytes held by the allocator's cache (closed buffers kept for reuse), not counted in {@link #memoryStats()}. */
    public synchronized long cachedBytes() {
        return ctx.allocator.cachedBytes();
    }

    /** Returns the allocator's cached blocks to the driver. */
    public synchronized void emptyCache() {
        enter();
        ctx.allocator.emptyCache();
    }

    @Override
    public synchronized Buffer allocate(DType dtype, long count) {
        enter();
        if (dtype == null || count < 0) {
            throw new IllegalArgumentException("allocate: need a dtype and a count >= 0, got " + dtype + " x " + count);
        }
        return ctx.allocate(dtype, count);
    }

    @Override
    public synchronized void upload(float[] src, int srcOffset, Buffer dst, long dstOffset, int count) {
        transfer(true, src, src.length, srcOffset, DType.FLOAT32, dst, dstOffset, count);
    }

    @Override
    public synchronized void upload(double[] src, int srcOffset, Buffer dst, long dstOffset, int count) {
        transfer(true, src, src.length, srcOffset, DType.FLOAT64, dst, dstOffset, count);
    }

    @Override
    public synchronized void upload(int[] src, int srcOffset, Buffer dst, long dstOffset, int count) {
        transfer(true, src, src.length, srcOffset, DType.INT32, dst, dstOffset, count);
    }

    @Override
    public synchronized void download(Buffer src, long srcOffset, float[] dst, int dstOffset, int count) {
        transfer(false, dst, dst.length, dstOffset, DType.FLOAT32, src, srcOffset, count);
    }

    @Override
    public synchronized void download(Buffer src, long srcOffset, double[] dst, int dstOffset, int count) {
        transfer(false, dst, dst.length, dstOffset, DType.FLOAT64, src, srcOffset, count);
    }

    @Override
    public synchronized void download(Buffer src, long srcOffset, int[] dst, int dstOffset, int count) {
        transfer(false, dst, dst.length, dstOffset, DType.INT32, src, srcOffset, count);
    }

    private void transfer(boolean up, Object host, int hostLength, int hostOffset, DType type, Buffer device, long deviceOffset,
            int count) {
        enter();
        String what = up ? "upload" : "download";
        CudaBuffer buffer = ctx.buffer(device);
        if (buffer.dtype() != type) {
            throw new IllegalArgumentException(what + ": host array of " + type + " but buffer holds " + buffer.dtype());
        }
        if (count < 0 || deviceOffset < 0 || deviceOffset + count > buffer.size()) {
            throw new IllegalArgumentException(what + ": elements [" + deviceOffset + ", " + deviceOffset + "+" + count
                    + ") outside a buffer of " + buffer.size());
        }
        if (hostOffset < 0 || (long) hostOffset + count > hostLength) {
            throw new IllegalArgumentException(what + ": host elements [" + hostOffset + ", " + hostOffset + "+" + count
                    + ") outside an array of " + hostLength);
        }
        if (up) {
            ctx.transfers.upload(host, hostOffset, type, buffer.at(deviceOffset), count);
        } else {
            ctx.transfers.download(buffer.at(deviceOffset), host, hostOffset, type, count);
        }
    }

    @Override
    public synchronized void copy(View src, View dst) {
        enter();
        elementwise.copy(src, dst);
    }

    @Override
    public synchronized void fill(View dst, double value) {
        enter();
        elementwise.fill(dst, value);
    }

    @Override
    public synchronized MemoryStats memoryStats() {
        return ctx.allocator.stats();
    }

    @Override
    public synchronized void unary(UnaryOp op, View x, View out) {
        enter();
        elementwise.unary(op, x, out);
    }

    @Override
    public synchronized void binary(BinaryOp op, Operand a, Operand b, View out) {
        enter();
        elementwise.binary(op, a, b, out);
    }

    @Override
    public synchronized void where(View cond, Operand a, Operand b, View out) {
        enter();
        elementwise.where(cond, a, b, out);
    }

    @Override
    public synchronized void reduce(ReduceOp op, View x, int[] axes, View out) {
        enter();
        reductions.reduce(op, x, axes, out);
    }

    @Override
    public synchronized void argMax(View x, int axis, View out) {
        enter();
        reductions.argMax(x, axis, out);
    }

    @Override
    public synchronized void gemm(GemmSpec spec, View a, View b, View c) {
        enter();
        matmul.gemm(spec, a, b, c);
    }

    @Override
    public synchronized void random(RandomSpec spec, long seed, long offset, View out) {
        enter();
        random.random(spec, seed, offset, out);
    }

    @Override
    public synchronized void convForward(ConvSpec spec, View x, View w, View y) {
        enter();
        convolution.forward(spec, x, w, y);
    }

    @Override
    public synchronized void convBackwardData(ConvSpec spec, View dy, View w, View dx) {
        enter();
        convolution.backwardData(spec, dy, w, dx);
    }

    @Override
    public synchronized void convBackwardFilter(ConvSpec spec, View x, View dy, View dw) {
        enter();
        convolution.backwardFilter(spec, x, dy, dw);
    }

    @Override
    public synchronized void poolForward(PoolSpec spec, View x, View y) {
        enter();
        convolution.poolForward(spec, x, y);
    }

    @Override
    public synchronized void poolBackward(PoolSpec spec, View x, View y, View dy, View dx) {
        enter();
        convolution.poolBackward(spec, x, y, dy, dx);
    }

    @Override
    public synchronized void lstmCellForward(View gates, View cPrev, View h, View c, View saved) {
        enter();
        cells.lstmForward(gates, cPrev, h, c, saved);
    }

    @Override
    public synchronized void lstmCellBackward(View dh, View dc, View saved, View cPrev, View c, View dGates, View dcPrev) {
        enter();
        cells.lstmBackward(dh, dc, saved, cPrev, c, dGates, dcPrev);
    }

    @Override
    public synchronized void gruCellForward(View xGates, View hGates, View hPrev, View h, View saved) {
        enter();
        cells.gruForward(xGates, hGates, hPrev, h, saved);
    }

    @Override
    public synchronized void gruCellBackward(View dh, View saved, View hPrev, View hGates, View dxGates, View dhGates,
            View dhPrev) {
        enter();
        cells.gruBackward(dh, saved, hPrev, hGates, dxGates, dhGates, dhPrev);
    }

    @Override
    public synchronized void synchronize() {
        enter();
        ctx.synchronize();
    }

    /** Throws {@link IllegalStateException} while buffers are open (a leak); idempotent otherwise. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        MemoryStats stats = ctx.allocator.stats();
        if (stats.liveBuffers() != 0) {
            throw new IllegalStateException("cuda backend closed with " + stats.liveBuffers() + " open buffers ("
                    + stats.liveBytes() + " bytes): close them first");
        }
        enter();
        closed = true;
        try {
            ctx.synchronize();
        } finally {
            ctx.close();
        }
    }

    private void enter() {
        if (closed) {
            throw new IllegalStateException("cuda backend used after close()");
        }
        ctx.enter();
    }
}
