package io.faltung.ops;

import io.faltung.autograd.Autograd;
import io.faltung.spi.PoolSpec;
import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;

/**
 * Forward and backward of the SPI pooling primitives ({@code poolForward}, {@code poolBackward}):
 * max or average pooling over the last two axes of an NCHW tensor. Backward saves the contiguous
 * input and the output (cuDNN's contract): {@code dx = poolBackward(x, y, dy)}; max pooling routes
 * each gradient to the first maximum of its window.
 */
public final class Pooling {
    private Pooling() {
    }

    /** {@code y [N, C, P, Q] = pool(x [N, C, H, W])} as described by {@code spec}. */
    public static Tensor pool2d(Tensor x, PoolSpec spec) {
        Convolution.requireFloating("pool2d", x);
        Shape yShape;
        try {
            yShape = Shape.of(spec.outputShape(x.shape().toArray()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("pool2d: " + e.getMessage(), e);
        }
        Tensor xc = x.contiguous();
        Tensor y = Tensor.empty(x.backend(), x.dtype(), yShape);
        x.backend().poolForward(spec, xc.view(), y.view());
        return Autograd.record(y, "pool2d " + spec.mode(), g -> {
            Tensor dx = Tensor.empty(x.backend(), x.dtype(), xc.shape());
            x.backend().poolBackward(spec, xc.view(), y.view(), g.contiguous().view(), dx.view());
            return new Tensor[] {dx};
        }, xc);
    }
}
