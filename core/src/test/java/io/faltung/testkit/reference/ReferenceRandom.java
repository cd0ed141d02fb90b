package io.faltung.testkit.reference;

import io.faltung.spi.DType;
import io.faltung.spi.RandomSpec;
import io.faltung.spi.View;

/** Reference kernel for RANDOM: each element maps its Philox block exactly as {@link RandomSpec} says. */
public final class ReferenceRandom {
    private static final double TWO_POW_M24 = 0x1.0p-24;
    private static final double TWO_POW_M53 = 0x1.0p-53;

    private ReferenceRandom() {
    }

    /** Fills {@code out} (row-major logical order) from stream positions {@code offset, offset + 1, …}. */
    public static void random(RandomSpec spec, long seed, long offset, View out) {
        Elements.requireFloating("random", "out", out);
        double[] values = new double[Math.toIntExact(out.size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = sample(spec, out.dtype(), Philox.block(seed, offset + i));
        }
        Elements.write("random " + spec.distribution(), out, values);
    }

    /** One sample of {@code spec} for {@code dtype} from the four words of a Philox block. */
    public static double sample(RandomSpec spec, DType dtype, int[] x) {
        return switch (spec.distribution()) {
            case UNIFORM -> spec.a() + (spec.b() - spec.a()) * uniform(dtype, x);
            case BERNOULLI -> uniform(dtype, x) < spec.a() ? 1 : 0;
            case NORMAL -> {
                double u1 = ((x[2] >>> 8) + 1) * TWO_POW_M24;
                double u2 = (x[3] >>> 8) * TWO_POW_M24;
                yield spec.a() + spec.b() * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
            }
        };
    }

    /** The uniform in [0, 1) of the block: 24 bits for FLOAT32, 53 bits for FLOAT64. */
    public static double uniform(DType dtype, int[] x) {
        if (dtype == DType.FLOAT32) {
            return (x[0] >>> 8) * TWO_POW_M24;
        }
        return ((x[0] >>> 5) * 0x1.0p26 + (x[1] >>> 6)) * TWO_POW_M53;
    }
}
