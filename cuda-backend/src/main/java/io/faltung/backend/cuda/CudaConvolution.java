package io.faltung.backend.cuda;

import io.faltung.backend.cuda.library.ConvDirection;
import io.faltung.backend.cuda.library.KernelArgs;
import io.faltung.backend.cuda.library.Kernels;
import io.faltung.spi.ConvSpec;
import io.faltung.spi.DType;
import io.faltung.spi.PoolSpec;
import io.faltung.spi.View;
import java.util.Arrays;
import jcuda.driver.CUdeviceptr;

/**
 * Convolution (forward, backward data, backward filter) and pooling through cuDNN (max-pooling
 * backward on Faltung's kernel, for the SPI's tie rule), on contiguous
 * NCHW views. Shapes are checked here against {@link ConvSpec} / {@link PoolSpec} so a mismatch names
 * the op and both shapes instead of surfacing as a cuDNN status; an output whose inputs are empty
 * (no channels, no batch) is filled with zeros without calling cuDNN, which rejects empty tensors.
 */
final class CudaConvolution {
    private final CudaContext ctx;
    private final CudaElementwise elementwise;

    CudaConvolution(CudaContext ctx, CudaElementwise elementwise) {
        this.ctx = ctx;
        this.elementwise = elementwise;
    }

    void forward(ConvSpec spec, View x, View w, View y) {
        check("convForward", spec, x, w, y);
        run(ConvDirection.FORWARD, spec, x, w, y, x, w, y);
    }

    void backwardData(ConvSpec spec, View dy, View w, View dx) {
        check("convBackwardData", spec, dx, w, dy);
        run(ConvDirection.BACKWARD_DATA, spec, dx, w, dy, dy, w, dx);
    }

    void backwardFilter(ConvSpec spec, View x, View dy, View dw) {
        check("convBackwardFilter", spec, x, dw, dy);
        run(ConvDirection.BACKWARD_FILTER, spec, x, dw, dy, x, dy, dw);
    }

    /** Runs {@code direction} with geometry from x-, w- and y-shaped views; {@code a}, {@code b} in, {@code out} written. */
    private void run(ConvDirection direction, ConvSpec spec, View xShaped, View wShaped, View yShaped, View a, View b, View out) {
        if (out.size() == 0) {
            return;
        }
        if (a.size() == 0 || b.size() == 0) {
            elementwise.fill(out, 0);
            return;
        }
        ctx.cudnn.convolution(direction, out.dtype() == DType.FLOAT64, xShaped.shape(), wShaped.shape(), yShaped.shape(), spec,
                pointer(a), pointer(b), pointer(out), ctx::workspace);
    }

    void poolForward(PoolSpec spec, View x, View y) {
        checkPool("poolForward", spec, x, y);
        if (y.size() > 0) {
            ctx.cudnn.pooling(spec, x.dtype() == DType.FLOAT64, x.shape(), y.shape(), pointer(x), pointer(y), null, null);
        }
    }

    void poolBackward(PoolSpec spec, View x, View y, View dy, View dx) {
        checkPool("poolBackward", spec, x, y);
        same("poolBackward", "dy", dy, y);
        same("poolBackward", "dx", dx, x);
        if (dx.size() == 0) {
            return;
        }
        if (y.size() == 0) {
            elementwise.fill(dx, 0);
            return;
        }
        if (spec.mode() == PoolSpec.Mode.MAX) {
            maxPoolBackward(spec, x, y, dy, dx);
            return;
        }
        ctx.cudnn.pooling(spec, x.dtype() == DType.FLOAT64, x.shape(), y.shape(), pointer(x), pointer(y), pointer(dy), pointer(dx));
    }

    /**
     * MAX backward on Faltung's kernel ({@code native/kernels/pool.cu}) rather than cuDNN's: the SPI
     * routes each gradient to the first maximum of its window in row-major order, a tie rule cuDNN
     * does not promise.
     */
    private void maxPoolBackward(PoolSpec spec, View x, View y, View dy, View dx) {
        int[] xs = x.shape();
        int[] ys = y.shape();
        int[] geometry = {xs[0], xs[1], xs[2], xs[3], ys[2], ys[3], spec.windowH(), spec.windowW(), spec.strideH(),
            spec.strideW(), spec.padH(), spec.padW()};
        KernelArgs args = new KernelArgs().ints(geometry).ptr(pointer(x)).ptr(pointer(dy)).ptr(pointer(dx));
        ctx.kernels.launch("maxpool_bwd_" + Kernels.suffix(x.dtype()), dx.size(), args);
    }

    private CUdeviceptr pointer(View v) {
        return ctx.buffer(v).at(v.offset());
    }

    /** Checks x [N,C,H,W], w [K,C/groups,R,S], y [N,K,P,Q] against {@code spec}. */
    private static void check(String op, ConvSpec spec, View x, View w, View y) {
        for (View v : new View[] {x, w, y}) {
            ViewChecks.rank(op, "tensor", v, 4);
        }
        ViewChecks.floating(op, "x", x);
        int[] xs = x.shape();
        int[] ws = w.shape();
        int groups = spec.groups();
        if (xs[1] % groups != 0 || ws[0] % groups != 0 || ws[1] * groups != xs[1]) {
            throw new IllegalArgumentException(op + ": x " + Arrays.toString(xs) + " and filters " + Arrays.toString(ws)
                    + " do not fit " + groups + " group(s): need C divisible by groups, K divisible by groups and filters [K, C/groups, R, S]");
        }
        int p = spec.outputHeight(xs[2], ws[2]);
        int q = spec.outputWidth(xs[3], ws[3]);
        if (p < 1 || q < 1) {
            throw new IllegalArgumentException(op + ": filters " + Arrays.toString(ws) + " with " + spec + " do not fit input "
                    + Arrays.toString(xs) + " (output would be " + p + "x" + q + ")");
        }
        ViewChecks.shape(op, "output-shaped tensor (y or dy)", y, xs[0], ws[0], p, q);
        for (View v : new View[] {w, y}) {
            ViewChecks.dtype(op, "tensor", v, x.dtype());
        }
        ViewChecks.contiguous(op, "x-shaped tensor", x);
        ViewChecks.contiguous(op, "filters", w);
        ViewChecks.contiguous(op, "y-shaped tensor", y);
    }

    /** Checks x [N,C,H,W] and y [N,C,P,Q] against {@code spec}. */
    private static void checkPool(String op, PoolSpec spec, View x, View y) {
        ViewChecks.rank(op, "x", x, 4);
        ViewChecks.floating(op, "x", x);
        int[] xs = x.shape();
        int p = spec.outputHeight(xs[2]);
        int q = spec.outputWidth(xs[3]);
        if (p < 1 || q < 1) {
            throw new IllegalArgumentException(op + ": " + spec + " does not fit input " + Arrays.toString(xs)
                    + " (output would be " + p + "x" + q + ")");
        }
        ViewChecks.shape(op, "y", y, xs[0], xs[1], p, q);
        ViewChecks.dtype(op, "y", y, x.dtype());
        ViewChecks.contiguous(op, "x", x);
        ViewChecks.contiguous(op, "y", y);
    }

    private static void same(String op, String name, View v, View like) {
        ViewChecks.sameShape(op, name, v, like);
        ViewChecks.dtype(op, name, v, like.dtype());
        ViewChecks.contiguous(op, name, v);
    }
}
