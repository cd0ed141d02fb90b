package io.faltung.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ToleranceTest {
    private final Tolerance tolerance = new Tolerance(1e-3, 1e-2);

    @Test
    void boundIsAbsolutePlusRelative() {
        assertTrue(tolerance.accepts(100, 101.0005));
        assertFalse(tolerance.accepts(100, 101.002));
        assertTrue(tolerance.accepts(0, 1e-3));
        assertFalse(tolerance.accepts(0, -1.0001e-3));
        assertTrue(tolerance.accepts(Double.NaN, Double.NaN));
        assertFalse(tolerance.accepts(Double.NaN, 0));
        assertFalse(tolerance.accepts(1, Double.NaN));
        assertTrue(tolerance.accepts(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY));
        assertFalse(tolerance.accepts(Double.POSITIVE_INFINITY, 1e308));
        assertTrue(Tolerance.EXACT.accepts(0.1, 0.1));
        assertFalse(Tolerance.EXACT.accepts(0.1f, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new Tolerance(-1, 0));
    }

    @Test
    void passingComparisonReportsErrorsAndClosestElement() {
        Comparison c = tolerance.compare("x", new double[] {1, 2, 4}, new double[] {1, 2.02, 4.01});
        assertTrue(c.passed());
        assertEquals(0.02, c.maxAbsError(), 1e-12);
        assertEquals(0.01, c.maxRelError(), 1e-12);
        assertEquals(1, c.worstIndex());
    }

    @Test
    void failureNamesWorstElementErrorsAndTenMismatches() {
        double[] expected = new double[20];
        double[] actual = new double[20];
        for (int i = 0; i < 20; i++) {
            expected[i] = i;
            actual[i] = i + (i >= 5 ? 0.5 : 0);
        }
        actual[7] = 99;
        Comparison c = tolerance.compare("GEMM · 3x5x2 AB · FLOAT32 · output C", expected, actual);
        assertFalse(c.passed());
        assertEquals(15, c.mismatches());
        assertEquals(7, c.worstIndex());
        assertEquals(92, c.maxAbsError(), 0);
        String m = c.message();
        assertTrue(m.startsWith("GEMM · 3x5x2 AB · FLOAT32 · output C: 15 of 20 elements"), m);
        assertTrue(m.contains("worst at index 7: expected 7.0, actual 99.0"), m);
        assertTrue(m.contains("max abs err 92.0"), m);
        assertTrue(m.contains("[14] expected 14.0 actual 14.5"), m);
        assertFalse(m.contains("[15] expected"), m);
        assertTrue(m.endsWith(", …"), m);
    }

    @Test
    void nanWhereANumberIsExpectedIsTheWorstElement() {
        Comparison c = tolerance.compare("x", new double[] {1, 2, 3}, new double[] {1.5, Double.NaN, 3});
        assertFalse(c.passed());
        assertEquals(1, c.worstIndex());
        assertEquals(Double.POSITIVE_INFINITY, c.maxAbsError());
        assertEquals(2, c.mismatches());
    }

    @Test
    void lengthMismatchFails() {
        Comparison c = Tolerance.EXACT.compare("y", new double[2], new double[3]);
        assertFalse(c.passed());
        assertTrue(c.message().contains("expected 2 elements but got 3"), c.message());
    }
}
