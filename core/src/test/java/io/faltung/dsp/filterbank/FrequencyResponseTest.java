package io.faltung.dsp.filterbank;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.faltung.tensor.Scope;
import io.faltung.tensor.Tensor;
import org.junit.jupiter.api.Test;

class FrequencyResponseTest {

    @Test
    void powerMatchesTheDiscreteTimeFourierTransform() {
        double[] h = {0.5, -1.25, 2.0, 0.75, -0.3};
        double[] g = {1, 1, 0, 0, 0};
        try (Scope scope = Scope.open(); FrequencyResponse r = FrequencyResponse.uniform(5, 9)) {
            double[] p = r.power(Tensor.of(concat(h, g), 2, 5)).toDoubleArray();
            double[] w = r.frequencies();
            assertEquals(0, w[0]);
            assertEquals(Math.PI, w[8], 1e-15);
            for (int i = 0; i < w.length; i++) {
                double re = 0;
                double im = 0;
                for (int n = 0; n < h.length; n++) {
                    re += h[n] * Math.cos(w[i] * n);
                    im -= h[n] * Math.sin(w[i] * n);
                }
                assertEquals(re * re + im * im, p[i], 1e-12, "|H|² at ω = " + w[i]);
                assertEquals(2 + 2 * Math.cos(w[i]), p[9 + i], 1e-12, "two-tap average at ω = " + w[i]);
            }
        }
    }

    private static double[] concat(double[] a, double[] b) {
        double[] c = new double[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
