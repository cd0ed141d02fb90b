package io.faltung.testkit;

import java.util.SplittableRandom;

/** Value ranges for generated inputs, chosen so every op stays in its mathematical domain. */
public enum Domain {
    /** Uniform in [-2, 2). */
    STANDARD,
    /** Uniform in [-10, 10): saturates TANH/SIGMOID, spans EXP over many binades. */
    WIDE,
    /** Uniform in [0.25, 4): LOG, SQRT, POW bases. */
    POSITIVE,
    /** Uniform in [-4, -0.25): all negative, so zero (for example padding taken as 0) is never a maximum. */
    NEGATIVE,
    /** Magnitude in [0.5, 2), random sign: divisors, RECIPROCAL. */
    NONZERO,
    /** Multiples of 0.5 in [-2, 2]: exact in every dtype, with zeros and many ties. */
    HALVES,
    /** Only -1, 0 and 1: mostly ties (argMax, comparisons). */
    TIES,
    /** {@link #HALVES} with about one value in eight NaN. */
    WITH_NAN,
    /** Integers in [-100, 100]: INT32 data and exact conversions. */
    INTEGERS,
    /** Non-integers in (-100, 100): float to INT32 conversion (truncation toward zero). */
    FRACTIONS,
    /** Integers in [-1000, -1]: prefill of INT32 outputs, never a valid index. */
    SENTINEL,
    /** Every element NaN: an output whose old contents must be ignored. */
    NAN;

    /** One value drawn from this domain. */
    public double sample(SplittableRandom random) {
        return switch (this) {
            case STANDARD -> random.nextDouble(-2, 2);
            case WIDE -> random.nextDouble(-10, 10);
            case POSITIVE -> random.nextDouble(0.25, 4);
            case NEGATIVE -> -random.nextDouble(0.25, 4);
            case NONZERO -> (random.nextBoolean() ? 1 : -1) * random.nextDouble(0.5, 2);
            case HALVES -> random.nextInt(-4, 5) * 0.5;
            case TIES -> random.nextInt(-1, 2);
            case WITH_NAN -> random.nextInt(8) == 0 ? Double.NaN : random.nextInt(-4, 5) * 0.5;
            case INTEGERS -> random.nextInt(-100, 101);
            case FRACTIONS -> random.nextInt(-99, 100) + random.nextDouble(0.05, 0.95);
            case SENTINEL -> random.nextInt(-1000, 0);
            case NAN -> Double.NaN;
        };
    }
}
