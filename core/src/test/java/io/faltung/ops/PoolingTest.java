package io.faltung.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faltung.spi.PoolSpec;
import io.faltung.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** pool2d: gradients of every mode by central differences, the tie rule, shapes and messages. */
class PoolingTest extends LayerOpsFixture {

    @Test
    void gradientsOfEveryModeWithPaddingAndOverlappingWindows() {
        for (PoolSpec.Mode mode : PoolSpec.Mode.values()) {
            PoolSpec spec = new PoolSpec(mode, 3, 2, 2, 1, 1, 1);
            check.check("pool2d " + mode, in -> Pooling.pool2d(in[0], spec), input(2, 2, 5, 4));
        }
    }

    @Test
    void gradientsThroughAPermutedInput() {
        PoolSpec spec = new PoolSpec(PoolSpec.Mode.MAX, 2, 2, 2, 2, 0, 0);
        check.check("max pool of a view", in -> Pooling.pool2d(in[0].permute(0, 3, 1, 2), spec).mul(in[0].sum()),
                input(1, 4, 6, 2));
    }

    @Test
    void maxPoolingRoutesATieToTheFirstMaximumOnly() {
        Tensor x = Tensor.of(backend, new double[] {1, 3, 3, 0}, 1, 1, 2, 2).requiresGrad(true);
        Pooling.pool2d(x, new PoolSpec(PoolSpec.Mode.MAX, 2, 2, 2, 2, 0, 0)).sum().backward();
        assertArrayEquals(new double[] {0, 1, 0, 0}, x.grad().toDoubleArray());
        x.grad().close();
    }

    @Test
    void shapeErrorsNameTheOpAndShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Pooling.pool2d(input(1, 2, 3), new PoolSpec(PoolSpec.Mode.MAX, 2, 2, 2, 2, 0, 0)));
        assertTrue(e.getMessage().startsWith("pool2d: pooling needs a non-empty rank-4 input") && e.getMessage().contains("[1, 2, 3]"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Pooling.pool2d(input(1, 1, 2, 5), new PoolSpec(PoolSpec.Mode.AVG_INCLUDE_PADDING, 3, 3, 1, 1, 0, 0)));
        assertTrue(e.getMessage().contains("window does not fit"), e.getMessage());
    }
}
