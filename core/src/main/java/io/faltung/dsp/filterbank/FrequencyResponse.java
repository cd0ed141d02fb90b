package io.faltung.dsp.filterbank;

import io.faltung.autograd.NoGrad;
import io.faltung.tensor.Scope;
import io.faltung.tensor.Tensor;

/**
 * Frequency responses of FIR filters on a fixed grid of frequencies in [0, π], as one matrix
 * product with a constant basis {@code [cos(ωn) | −sin(ωn)]} of shape {@code [L, 2K]}:
 * {@code H(ω) = Σₙ h(n)·e^{−iωn}}. Differentiable in the filter taps. Owns its basis; close it when done.
 * (The filters are the left operand: on the CPU backend that is markedly cheaper than
 * {@code basisᵀ·hᵀ} for a single filter.)
 */
public final class FrequencyResponse implements AutoCloseable {
    private final double[] frequencies;
    private final int length;
    private final Tensor basis;

    /** Responses of filters with {@code length} taps at the given frequencies (radians per sample). */
    public FrequencyResponse(int length, double[] frequencies) {
        if (length < 1 || frequencies.length < 1) {
            throw new IllegalArgumentException("frequency response needs ≥ 1 tap and ≥ 1 frequency, got length "
                    + length + " and " + frequencies.length + " frequencies");
        }
        this.length = length;
        this.frequencies = frequencies.clone();
        int k = frequencies.length;
        double[] b = new double[length * 2 * k];
        for (int n = 0; n < length; n++) {
            for (int i = 0; i < k; i++) {
                double phase = frequencies[i] * n;
                b[n * 2 * k + i] = Math.cos(phase);
                b[n * 2 * k + k + i] = -Math.sin(phase);
            }
        }
        this.basis = Scope.unscoped(() -> Tensor.of(b, length, 2 * k));
    }

    /** {@code points} frequencies from 0 to π inclusive, evenly spaced. */
    public static FrequencyResponse uniform(int length, int points) {
        if (points < 2) {
            throw new IllegalArgumentException("a uniform grid from 0 to π needs ≥ 2 points, got " + points);
        }
        double[] w = new double[points];
        for (int i = 0; i < points; i++) {
            w[i] = Math.PI * i / (points - 1);
        }
        return new FrequencyResponse(length, w);
    }

    /** The centres of {@code points} equal bins covering [0, π]: {@code ωᵢ = (i + ½)·π/points}. */
    public static FrequencyResponse midpoints(int length, int points) {
        double[] w = new double[points];
        for (int i = 0; i < points; i++) {
            w[i] = Math.PI * (i + 0.5) / points;
        }
        return new FrequencyResponse(length, w);
    }

    /** The grid, radians per sample. */
    public double[] frequencies() {
        return frequencies.clone();
    }

    /** Number of taps this grid expects. */
    public int length() {
        return length;
    }

    /** Real and imaginary parts side by side: {@code [F, 2K]} for filters {@code [F, L]}. */
    public Tensor complex(Tensor filters) {
        if (filters.rank() != 2 || filters.shape().dim(1) != length) {
            throw new IllegalArgumentException("frequency response: filters must have shape [count, " + length
                    + "], not " + filters.shape());
        }
        return filters.matmul(basis);
    }

    /** Squared magnitudes {@code |H(ωᵢ)|²}, shape {@code [F, K]}. */
    public Tensor power(Tensor filters) {
        Tensor c = complex(filters);
        int k = frequencies.length;
        Tensor re = c.slice(1, 0, k);
        Tensor im = c.slice(1, k, 2 * k);
        return re.square().add(im.square());
    }

    /** Magnitudes in dB, {@code 10·log10|H|²}, as host arrays {@code [F][K]} (not recorded). */
    public double[][] magnitudeDb(Tensor filters) {
        double[] p;
        try (NoGrad ignored = NoGrad.enter(); Scope scope = Scope.open()) {
            p = power(filters).toDoubleArray();
        }
        int k = frequencies.length;
        int count = p.length / k;
        double[][] db = new double[count][k];
        for (int f = 0; f < count; f++) {
            for (int i = 0; i < k; i++) {
                db[f][i] = 10 * Math.log10(Math.max(p[f * k + i], 1e-300));
            }
        }
        return db;
    }

    /** Releases the basis. */
    @Override
    public void close() {
        basis.close();
    }
}
