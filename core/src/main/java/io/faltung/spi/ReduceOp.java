package io.faltung.spi;

/** Reductions over one or more axes, the vocabulary of {@link Backend#reduce}. */
public enum ReduceOp {
    SUM, MAX, MIN;

    /** The identity element of the reduction. */
    public double identity() {
        return switch (this) {
            case SUM -> 0.0;
            case MAX -> Double.NEGATIVE_INFINITY;
            case MIN -> Double.POSITIVE_INFINITY;
        };
    }

    /** Combines an accumulator with one more element. */
    public double combine(double acc, double x) {
        return switch (this) {
            case SUM -> acc + x;
            case MAX -> Math.max(acc, x);
            case MIN -> Math.min(acc, x);
        };
    }
}
