package io.faltung.dsp.filterbank;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faltung.tensor.Scope;
import io.faltung.tensor.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModulatedFilterBankTest {

    static double[] randomCoefficients(BankStructure s, long seed) {
        Random random = new Random(seed);
        double[] c = new double[s.parameterCount()];
        for (int i = 0; i < c.length; i++) {
            c[i] = random.nextGaussian();
        }
        return c;
    }

    static Tensor coefficients(BankStructure s, double[] values) {
        return Tensor.of(values, s.coefficientRows(), s.half());
    }

    @ParameterizedTest(name = "N={0} P={1} Q={2}")
    @CsvSource({"2,0,0", "4,0,0", "4,1,0", "4,0,1", "4,1,1", "4,2,1", "4,0,2", "6,2,2", "8,1,2"})
    void perfectReconstructionHoldsForRandomCoefficients(int n, int p, int q) {
        BankStructure s = new BankStructure(n, p, q);
        try (Scope scope = Scope.open(); ModulatedFilterBank bank = new ModulatedFilterBank(s,
                coefficients(s, randomCoefficients(s, 17L * n + 3L * p + q)))) {
            PolyMatrix product = bank.analysisPolyphase().times(bank.synthesisPolyphase());
            assertEquals(2 * s.blocks() - 1, product.terms());
            double[] c = product.coefficients().toDoubleArray();
            for (int j = 0; j < product.terms(); j++) {
                for (int r = 0; r < n; r++) {
                    for (int col = 0; col < n; col++) {
                        double expected = j == s.blockDelay() && r == col ? 1 : 0;
                        assertEquals(expected, c[(j * n + r) * n + col], 1e-12,
                                "Pa·Ps at z^-" + j + " [" + r + "," + col + "] for " + s);
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "N={0} P={1} Q={2}")
    @CsvSource({"4,0,0", "4,1,0", "4,0,1", "4,2,1", "6,1,2"})
    void everyFilterIsTheModulatedPrototypeAndSynthesisSharesIt(int n, int p, int q) {
        BankStructure s = new BankStructure(n, p, q);
        try (Scope scope = Scope.open(); ModulatedFilterBank bank = new ModulatedFilterBank(s,
                coefficients(s, randomCoefficients(s, 5L * n + p + 11L * q)))) {
            Tensor analysis = bank.analysisFilters();
            double[] h = analysis.toDoubleArray();
            double[] proto = bank.prototype(analysis).toDoubleArray();
            int len = s.length();
            assertEquals(len, proto.length);
            for (int k = 0; k < n; k++) {
                for (int t = 0; t < len; t++) {
                    assertEquals(proto[t] * s.modulation(k, t), h[k * len + t], 1e-12, "h_" + k + "(" + t + ")");
                }
            }
        }
    }

    @Test
    void mdctWithTheSineWindowMatchesItsClosedForm() {
        for (int n : new int[] {2, 4, 8}) {
            BankStructure s = BankStructure.mdct(n);
            try (Scope scope = Scope.open(); ModulatedFilterBank bank = new ModulatedFilterBank(s,
                    coefficients(s, ModulatedFilterBank.sineWindowStart(s)))) {
                double[] h = bank.analysisFilters().toDoubleArray();
                double[] f = bank.synthesisFilters().toDoubleArray();
                double[] proto = bank.prototype().toDoubleArray();
                int len = 2 * n;
                for (int t = 0; t < len; t++) {
                    double window = Math.sin(Math.PI / (2.0 * n) * (t + 0.5));
                    assertEquals(window, proto[t], 1e-14, "sine window at " + t);
                    for (int k = 0; k < n; k++) {
                        double mdct = window * Math.sqrt(2.0 / n)
                                * Math.cos(Math.PI / n * (k + 0.5) * (t + n / 2.0 + 0.5));
                        assertEquals(mdct, h[k * len + t], 1e-14, "MDCT analysis h_" + k + "(" + t + ") for N=" + n);
                        // orthogonal bank: the synthesis filters are the time-reversed analysis filters
                        assertEquals(mdct, f[k * len + len - 1 - t], 1e-14, "MDCT synthesis f_" + k + " for N=" + n);
                    }
                }
            }
        }
    }

    @Test
    void zeroStageCoefficientsGiveTheMdctDelayedByQBlocks() {
        BankStructure s = new BankStructure(4, 2, 2);
        BankStructure mdct = BankStructure.mdct(4);
        try (Scope scope = Scope.open();
             ModulatedFilterBank bank = new ModulatedFilterBank(s,
                     coefficients(s, ModulatedFilterBank.sineWindowStart(s)));
             ModulatedFilterBank plain = new ModulatedFilterBank(mdct,
                     coefficients(mdct, ModulatedFilterBank.sineWindowStart(mdct)))) {
            double[] h = bank.analysisFilters().toDoubleArray();
            double[] reference = plain.analysisFilters().toDoubleArray();
            int shift = 2 * 4;
            for (int k = 0; k < 4; k++) {
                for (int t = 0; t < s.length(); t++) {
                    int u = t - shift;
                    double expected = u >= 0 && u < 8 ? reference[k * 8 + u] : 0;
                    assertEquals(expected, h[k * s.length() + t], 1e-14, "h_" + k + "(" + t + ")");
                }
            }
        }
    }

    @ParameterizedTest(name = "N={0} P={1} Q={2}")
    @CsvSource({"4,0,0", "4,1,1", "4,0,2", "4,2,1", "6,1,0"})
    void filterImplementationReconstructsWithTheStatedDelay(int n, int p, int q) {
        BankStructure s = new BankStructure(n, p, q);
        try (Scope scope = Scope.open(); ModulatedFilterBank bank = new ModulatedFilterBank(s,
                coefficients(s, randomCoefficients(s, 41L + n + p + q)))) {
            double[][] h = rows(bank.analysisFilters().toDoubleArray(), n);
            double[][] f = rows(bank.synthesisFilters().toDoubleArray(), n);
            double[] x = new Random(3).doubles(12 * n).toArray();
            double[] y = new double[x.length + 2 * s.length()];
            for (int k = 0; k < n; k++) {
                double[] v = convolve(x, h[k]);
                for (int t = 0; t < v.length; t++) {
                    if (t % n != 0) {
                        v[t] = 0;
                    }
                }
                double[] u = convolve(v, f[k]);
                for (int t = 0; t < u.length && t < y.length; t++) {
                    y[t] += u[t];
                }
            }
            int d = s.delay();
            assertEquals(2 * n - 1 + 2 * q * n, d);
            for (int t = 0; t < x.length; t++) {
                assertEquals(x[t], y[t + d], 1e-11, "output " + (t + d) + " should be input " + t);
            }
        }
    }

    @Test
    void rejectsCoefficientsOfTheWrongShape() {
        BankStructure s = new BankStructure(4, 1, 1);
        try (Scope scope = Scope.open()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new ModulatedFilterBank(s, Tensor.of(new double[8], 4, 2)));
            assertTrue(e.getMessage().contains("[5, 2]"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> new BankStructure(5, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new BankStructure(4, -1, 0));
    }

    @Test
    void lengthAndDelayFollowTheStageCounts() {
        BankStructure s = new BankStructure(8, 3, 3);
        assertEquals(64, s.length());
        assertEquals(63, s.delay());
        assertEquals(7, s.blockDelay());
        assertEquals(36, s.parameterCount());
        assertArrayEquals(new int[] {15, 15, 47}, new int[] {BankStructure.mdct(8).delay(),
            new BankStructure(8, 6, 0).delay(), new BankStructure(8, 2, 2).delay()});
    }

    static double[][] rows(double[] flat, int n) {
        int len = flat.length / n;
        double[][] r = new double[n][len];
        for (int k = 0; k < n; k++) {
            System.arraycopy(flat, k * len, r[k], 0, len);
        }
        return r;
    }

    static double[] convolve(double[] x, double[] h) {
        double[] y = new double[x.length + h.length - 1];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < h.length; j++) {
                y[i + j] += x[i] * h[j];
            }
        }
        return y;
    }
}
