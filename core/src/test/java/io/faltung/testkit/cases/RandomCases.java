package io.faltung.testkit.cases;

import io.faltung.spi.DType;
import io.faltung.spi.PrimitiveOp;
import io.faltung.spi.RandomSpec;
import io.faltung.testkit.Layout;
import io.faltung.testkit.OpCase;
import io.faltung.testkit.Shapes;
import io.faltung.testkit.Tolerance;
import java.util.ArrayList;
import java.util.List;

/**
 * Parity cases for RANDOM: every distribution, seeds with high bits, offsets that carry into the
 * counter's high word, strided outputs (the stream follows logical order) and rank 0.
 */
public final class RandomCases {
    /** Float32 backends may evaluate a + (b − a)·u, log, sqrt and cos in float. */
    static final Tolerance F32 = new Tolerance(1e-5, 1e-5);
    static final Tolerance F64 = new Tolerance(1e-13, 1e-13);

    private RandomCases() {
    }

    /** Cases for RANDOM. */
    public static List<OpCase> cases() {
        List<OpCase> cases = new ArrayList<>();
        for (DType t : List.of(DType.FLOAT32, DType.FLOAT64)) {
            cases.add(random(t, RandomSpec.uniform(0, 1), 0, 0, Layout.CONTIGUOUS, 1000));
            cases.add(random(t, RandomSpec.uniform(-1, 3), 42, 7, Layout.STEPPED, 3, 5, 7));
            cases.add(random(t, RandomSpec.normal(0, 1), 1234567, 0, Layout.CONTIGUOUS, 512));
            cases.add(random(t, RandomSpec.normal(0.5, 2), 0x1234_5678_9ABC_DEF0L, (1L << 32) - 3, Layout.FLIPPED, 4, 3));
            cases.add(random(t, RandomSpec.bernoulli(0.3), -1L, 5, Layout.CONTIGUOUS, 64));
            cases.add(random(t, RandomSpec.bernoulli(0.5), 99, Long.MAX_VALUE - 100, Layout.TRANSPOSED, 2, 3, 4));
            cases.add(random(t, RandomSpec.uniform(2, 2.5), 7, 1L << 40, Layout.CONTIGUOUS));
        }
        return cases;
    }

    private static OpCase random(DType t, RandomSpec spec, long seed, long offset, Layout layout, int... shape) {
        String name = spec.distribution() + "(" + spec.a() + ", " + spec.b() + ") " + Shapes.of(shape) + " " + layout
                + " seed " + Long.toHexString(seed) + " offset " + Long.toHexString(offset);
        Tolerance tolerance = spec.distribution() == RandomSpec.Distribution.BERNOULLI ? Tolerance.EXACT
                : Tolerance.forDType(t, F32, F64);
        return OpCase.of(PrimitiveOp.RANDOM, name, t, tolerance,
                ctx -> ctx.backend().random(spec, seed, offset, ctx.output("out", t, layout, shape)));
    }
}
