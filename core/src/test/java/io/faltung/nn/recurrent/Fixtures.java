package io.faltung.nn.recurrent;

import io.faltung.spi.DType;
import io.faltung.tensor.RandomStream;
import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;

/** Seeded inputs for the recurrent tests (reference backend: keep sizes tiny). */
final class Fixtures {
    private final RandomStream random;

    Fixtures(long seed) {
        random = new RandomStream(seed);
    }

    /** Normal(0, scale) values, FLOAT64. */
    Tensor normal64(double scale, int... shape) {
        return random.normal(Shape.of(shape), 0, scale).to(DType.FLOAT64);
    }

    /** Normal(0, scale) values, FLOAT32. */
    Tensor normal32(double scale, int... shape) {
        return random.normal(Shape.of(shape), 0, scale);
    }

    /** The largest absolute difference of two tensors' values. */
    static double maxDifference(Tensor a, Tensor b) {
        double[] x = a.toDoubleArray();
        double[] y = b.toDoubleArray();
        if (x.length != y.length) {
            throw new AssertionError("sizes differ: " + a.shape() + " vs " + b.shape());
        }
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            worst = Math.max(worst, Math.abs(x[i] - y[i]));
        }
        return worst;
    }
}
