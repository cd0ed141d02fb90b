package io.faltung.testkit;

/**
 * Outcome of {@link Tolerance#compare}: whether every element passed, the largest absolute and
 * relative errors, the index of the worst element (the one furthest beyond, or closest to, its
 * bound), how many failed, and a message naming all of that.
 */
public record Comparison(boolean passed, double maxAbsError, double maxRelError, int worstIndex, int mismatches,
        String message) {

    /** A failure that is not about values (for example, differing lengths). */
    public static Comparison failed(String message) {
        return new Comparison(false, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, -1, -1, message);
    }

    /** The worse of two comparisons (a failure beats a pass; otherwise the larger errors). */
    public Comparison worse(Comparison other) {
        if (passed != other.passed) {
            return passed ? other : this;
        }
        return other.maxAbsError > maxAbsError ? other : this;
    }
}
