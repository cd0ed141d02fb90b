package io.faltung.ops;

import io.faltung.autograd.Autograd;
import io.faltung.spi.ConvSpec;
import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;

/**
 * Forward and backward of the SPI convolution primitives ({@code convForward},
 * {@code convBackwardData}, {@code convBackwardFilter}): 2-D cross-correlation over NCHW tensors,
 * with 1-D as the case {@code H = 1}. No bias: a layer adds one by broadcasting.
 *
 * <p>Shapes are checked here, before any backend call, so errors name the op and both shapes.
 * Operands are made contiguous (the primitives' input rule); backward saves the contiguous input
 * and filters: {@code dx = convBackwardData(dy, w)}, {@code dw = convBackwardFilter(x, dy)}.
 */
public final class Convolution {
    private Convolution() {
    }

    /** {@code y [N, K, P, Q] = conv(x [N, C, H, W], w [K, C/groups, R, S])} with the geometry of {@code spec}. */
    public static Tensor conv2d(Tensor x, Tensor w, ConvSpec spec) {
        Elementwise.checkCompatible("conv2d", x, w);
        requireFloating("conv2d", x);
        Shape yShape = Shape.of(outputShape("conv2d", x, w, spec));
        Tensor xc = x.contiguous();
        Tensor wc = w.contiguous();
        Tensor y = Tensor.empty(x.backend(), x.dtype(), yShape);
        x.backend().convForward(spec, xc.view(), wc.view(), y.view());
        return Autograd.record(y, "conv2d", g -> {
            Tensor dy = g.contiguous();
            Tensor dx = null;
            Tensor dw = null;
            if (xc.requiresGrad()) {
                dx = Tensor.empty(x.backend(), x.dtype(), xc.shape());
                x.backend().convBackwardData(spec, dy.view(), wc.view(), dx.view());
            }
            if (wc.requiresGrad()) {
                dw = Tensor.empty(x.backend(), x.dtype(), wc.shape());
                x.backend().convBackwardFilter(spec, xc.view(), dy.view(), dw.view());
            }
            return new Tensor[] {dx, dw};
        }, xc, wc);
    }

    /**
     * {@code y [N, K, Q] = conv(x [N, C, L], w [K, C/groups, S])}: {@link #conv2d} with {@code H = R = 1}
     * (reshapes only). The width parameters of {@code spec} apply; its height padding must be 0.
     */
    public static Tensor conv1d(Tensor x, Tensor w, ConvSpec spec) {
        if (x.rank() != 3 || w.rank() != 3) {
            throw new IllegalArgumentException("conv1d needs input [N, C, L] and filters [K, C/groups, S], got input "
                    + x.shape() + " and filters " + w.shape());
        }
        if (spec.padH() != 0) {
            throw new IllegalArgumentException("conv1d: height padding must be 0 (a 1-D convolution has H = 1), got " + spec);
        }
        Tensor y = conv2d(x.reshape(x.shape().dim(0), x.shape().dim(1), 1, x.shape().dim(2)),
                w.reshape(w.shape().dim(0), w.shape().dim(1), 1, w.shape().dim(2)), spec);
        return y.reshape(y.shape().dim(0), y.shape().dim(1), y.shape().dim(3));
    }

    private static int[] outputShape(String op, Tensor x, Tensor w, ConvSpec spec) {
        try {
            return spec.outputShape(x.shape().toArray(), w.shape().toArray());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(op + ": " + e.getMessage(), e);
        }
    }

    /** Throws unless {@code x} holds floating-point values. */
    static void requireFloating(String op, Tensor x) {
        if (!x.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException(op + " needs FLOAT32 or FLOAT64 tensors, got " + x.dtype() + " " + x.shape());
        }
    }
}
