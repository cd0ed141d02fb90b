package io.faltung.testkit;

import io.faltung.spi.DType;
import java.util.ArrayList;
import java.util.List;

/**
 * Element-wise acceptance test {@code |actual − expected| ≤ atol + rtol·|expected|} (llm.c
 * {@code validate_result}). NaN matches only NaN and an infinity only the same infinity.
 */
public record Tolerance(double atol, double rtol) {
    /** Bit-for-bit agreement (up to NaN payloads and the sign of zero). */
    public static final Tolerance EXACT = new Tolerance(0, 0);

    /** How many mismatching elements a failure message lists. */
    public static final int LISTED_MISMATCHES = 10;

    /** Validates the bounds. */
    public Tolerance {
        if (!(atol >= 0) || !(rtol >= 0)) {
            throw new IllegalArgumentException("tolerance bounds must be non-negative, got atol " + atol + " rtol " + rtol);
        }
    }

    /** {@code float32} for FLOAT32, {@code float64} for FLOAT64, exact for INT32. */
    public static Tolerance forDType(DType dtype, Tolerance float32, Tolerance float64) {
        return switch (dtype) {
            case FLOAT32 -> float32;
            case FLOAT64 -> float64;
            case INT32 -> EXACT;
        };
    }

    /** Whether one element passes. */
    public boolean accepts(double expected, double actual) {
        if (Double.isNaN(expected) || Double.isNaN(actual)) {
            return Double.isNaN(expected) && Double.isNaN(actual);
        }
        if (Double.isInfinite(expected) || Double.isInfinite(actual)) {
            return expected == actual;
        }
        return Math.abs(actual - expected) <= atol + rtol * Math.abs(expected);
    }

    /**
     * Compares {@code actual} with {@code expected} element by element. {@code what} names the op,
     * case and output for the failure message.
     */
    public Comparison compare(String what, double[] expected, double[] actual) {
        if (expected.length != actual.length) {
            return Comparison.failed(what + ": expected " + expected.length + " elements but got " + actual.length);
        }
        double maxAbs = 0;
        double maxRel = 0;
        int worst = 0;
        double worstScore = -1;
        int mismatches = 0;
        List<String> listed = new ArrayList<>();
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double a = actual[i];
            boolean ok = accepts(e, a);
            double abs = ok ? (e == a || Double.isNaN(e) ? 0 : Math.abs(a - e)) : errorOf(e, a);
            double rel = abs == 0 ? 0 : abs / Math.abs(e);
            double bound = atol + rtol * Math.abs(e);
            double score = abs == 0 ? 0 : bound == 0 ? Double.POSITIVE_INFINITY : abs / bound;
            if (!ok) {
                mismatches++;
                if (listed.size() < LISTED_MISMATCHES) {
                    listed.add("[" + i + "] expected " + e + " actual " + a);
                }
            }
            maxAbs = Math.max(maxAbs, abs);
            maxRel = Math.max(maxRel, rel);
            if (score > worstScore) {
                worst = i;
                worstScore = score;
            }
        }
        if (mismatches == 0) {
            return new Comparison(true, maxAbs, maxRel, worst, 0, what + ": ok");
        }
        String message = what + ": " + mismatches + " of " + expected.length + " elements outside |actual − expected| ≤ "
                + atol + " + " + rtol + "·|expected|; worst at index " + worst + ": expected " + expected[worst]
                + ", actual " + actual[worst] + "; max abs err " + maxAbs + ", max rel err " + maxRel
                + "; mismatches: " + String.join(", ", listed) + (mismatches > listed.size() ? ", …" : "");
        return new Comparison(false, maxAbs, maxRel, worst, mismatches, message);
    }

    private static double errorOf(double expected, double actual) {
        double abs = Math.abs(actual - expected);
        return Double.isNaN(abs) ? Double.POSITIVE_INFINITY : abs;
    }

    @Override
    public String toString() {
        return this.equals(EXACT) ? "exact" : "atol " + atol + " rtol " + rtol;
    }
}
