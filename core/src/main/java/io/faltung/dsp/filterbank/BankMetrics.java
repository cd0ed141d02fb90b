package io.faltung.dsp.filterbank;

import io.faltung.autograd.NoGrad;
import io.faltung.tensor.Scope;
import io.faltung.tensor.Tensor;
import java.util.Arrays;
import java.util.Random;

/**
 * How good a filter bank is, measured on a dense grid from 0 to π (all figures in dB, larger
 * attenuation is better):
 *
 * @param stopbandAttenuationDb  worst analysis subband: min over k of (peak of |H_k| − largest |H_k| where
 *                               {@code |ω − (k + ½)π/N| ≥ edge·π/N})
 * @param subbandAttenuationDb   the same per subband
 * @param prototypeAttenuationDb prototype: peak − largest |H| for {@code ω ≥ edge·π/N}
 * @param passbandAttenuationDb  worst subband: peak − smallest |H_k| on the nominal band
 *                               {@code |ω − (k + ½)π/N| ≤ π/(2N)}
 *                               (about 3 dB for good banks: neighbouring bands cross near −3 dB)
 * @param passbandRippleDb       worst subband: max − min of |H_k| on the inner band {@code |ω − (k + ½)π/N| ≤ π/(4N)}
 * @param stopbandEdge           the edge used, in units of π/N
 * @param delay                  measured system delay in samples: where an impulse reappears after analysis and
 *                               synthesis
 * @param reconstructionSnrDb    10·log10(signal energy / reconstruction error energy) for a random signal
 *                               streamed through analysis and synthesis (float64)
 */
public record BankMetrics(double stopbandAttenuationDb, double[] subbandAttenuationDb, double prototypeAttenuationDb,
        double passbandAttenuationDb, double passbandRippleDb, double stopbandEdge, int delay,
        double reconstructionSnrDb) {

    /** Measures a bank with stopband edge {@code edge·π/N} on a grid of at least 8192 points. */
    public static BankMetrics measure(ModulatedFilterBank bank, double edge) {
        BankStructure s = bank.structure();
        int n = s.subbands();
        int points = Math.max(8192, 32 * s.length()) + 1;
        double[][] subbands;
        double[] prototype;
        double[] w;
        try (NoGrad ignored = NoGrad.enter(); Scope scope = Scope.open();
             FrequencyResponse grid = FrequencyResponse.uniform(s.length(), points)) {
            Tensor h = bank.analysisFilters();
            subbands = grid.magnitudeDb(h);
            prototype = grid.magnitudeDb(bank.prototype(h).reshape(1, s.length()))[0];
            w = grid.frequencies();
        }
        double[] attenuation = new double[n];
        double worstPass = 0;
        double worstRipple = 0;
        for (int k = 0; k < n; k++) {
            double centre = (k + 0.5) * Math.PI / n;
            double peak = Double.NEGATIVE_INFINITY;
            double stop = Double.NEGATIVE_INFINITY;
            double passMin = Double.POSITIVE_INFINITY;
            double innerMin = Double.POSITIVE_INFINITY;
            double innerMax = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < w.length; i++) {
                double distance = Math.abs(w[i] - centre) * n / Math.PI;
                double level = subbands[k][i];
                peak = Math.max(peak, level);
                if (distance >= edge) {
                    stop = Math.max(stop, level);
                }
                if (distance <= 0.5) {
                    passMin = Math.min(passMin, level);
                }
                if (distance <= 0.25) {
                    innerMin = Math.min(innerMin, level);
                    innerMax = Math.max(innerMax, level);
                }
            }
            attenuation[k] = peak - stop;
            worstPass = Math.max(worstPass, peak - passMin);
            worstRipple = Math.max(worstRipple, innerMax - innerMin);
        }
        double worst = Double.POSITIVE_INFINITY;
        for (double a : attenuation) {
            worst = Math.min(worst, a);
        }
        double protoPeak = Double.NEGATIVE_INFINITY;
        double protoStop = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < w.length; i++) {
            protoPeak = Math.max(protoPeak, prototype[i]);
            if (w[i] >= edge * Math.PI / n) {
                protoStop = Math.max(protoStop, prototype[i]);
            }
        }
        return new BankMetrics(worst, attenuation, protoPeak - protoStop, worstPass, worstRipple, edge,
                measuredDelay(bank), reconstructionSnrDb(bank, 64, 1));
    }

    /** Where the largest output sample of an impulse, streamed through analysis and synthesis, appears. */
    public static int measuredDelay(ModulatedFilterBank bank) {
        double[] impulse = new double[bank.structure().length() + bank.structure().delay() + 1];
        impulse[0] = 1;
        double[] out = stream(bank, impulse);
        int peak = 0;
        for (int t = 1; t < out.length; t++) {
            if (Math.abs(out[t]) > Math.abs(out[peak])) {
                peak = t;
            }
        }
        return peak;
    }

    /**
     * SNR of reconstruction: a uniform random signal of {@code blocks} blocks (plus the delay), streamed
     * in uneven chunks, compared with the output shifted back by the bank's delay.
     */
    public static double reconstructionSnrDb(ModulatedFilterBank bank, int blocks, long seed) {
        int d = bank.structure().delay();
        Random random = new Random(seed);
        double[] x = random.doubles((long) blocks * bank.structure().subbands() + d, -1, 1).toArray();
        double[] y = stream(bank, x);
        double signal = 0;
        double error = 0;
        for (int t = 0; t + d < y.length && t < x.length; t++) {
            signal += x[t] * x[t];
            error += (y[t + d] - x[t]) * (y[t + d] - x[t]);
        }
        return 10 * Math.log10(signal / Math.max(error, Double.MIN_VALUE));
    }

    private static double[] stream(ModulatedFilterBank bank, double[] x) {
        // The analysis side starts with N − 1 zeros, so up to one block more comes out than went in.
        double[] y = new double[x.length + bank.structure().subbands()];
        int produced = 0;
        try (Scope scope = Scope.open(); FilterBankProcessor processor = new FilterBankProcessor(bank)) {
            int chunk = 3 * bank.structure().subbands() + 1;
            for (int at = 0; at < x.length; at += chunk) {
                int len = Math.min(chunk, x.length - at);
                double[] part = new double[len];
                System.arraycopy(x, at, part, 0, len);
                double[] out = processor.process(Tensor.of(part, len)).toDoubleArray();
                System.arraycopy(out, 0, y, produced, out.length);
                produced += out.length;
            }
        }
        return Arrays.copyOf(y, produced);
    }

    @Override
    public double[] subbandAttenuationDb() {
        return subbandAttenuationDb.clone();
    }
}
