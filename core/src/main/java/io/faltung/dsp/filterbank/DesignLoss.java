package io.faltung.dsp.filterbank;

import io.faltung.autograd.NoGrad;
import io.faltung.tensor.Scope;
import io.faltung.tensor.Tensor;

/**
 * The weighted frequency-response error that a filter-bank design minimises, in dB:
 * <pre>
 *   E = w_s·(S_p − A) + w_p·F + w_a·R
 *   S_p = 10·log10( mean over all stopbands of |H_k(ω)|^{2p} )^{1/p}   (soft worst stopband level)
 *   A   = 10·log10( mean over all passbands of |H_k(ω)|² )            (passband level)
 *   F   = mean over the inner passbands of (10·log10|H_k(ω)|² − A)²   (passband flatness, dB²)
 *   R   = Σₙ (h(n) − h(L−1−n))² / Σₙ h(n)²                           (prototype asymmetry)
 * </pre>
 * over every analysis filter k on a grid of bin centres in [0, π] (the responses come from the prototype by
 * modulation, {@link SubbandResponse}). Band k has passband
 * {@code |ω − (k + ½)π/N| ≤ π/(2N)}, inner passband {@code ≤ π/(4N)} and stopband
 * {@code |ω − (k + ½)π/N| ≥ edge·π/N}. As p grows, S_p tends to the largest stopband level of the
 * worst subband, so S_p − A tends to minus the worst subband's stopband attenuation; it is a smooth
 * (log-sum-exp) function and its value does not depend on the bank's overall gain. The asymmetry term
 * serves orthogonal-type banks (P = Q, delay L − 1), whose best designs have nearly symmetric
 * prototypes: a small weight keeps the optimisation away from poorer asymmetric optima. Built from
 * {@link Tensor} operations only, so autograd differentiates it.
 */
public final class DesignLoss implements AutoCloseable {
    private static final double DB = 10 / Math.log(10);
    /** Added to p·log|H|² outside the stopbands so that those points vanish from the log-sum-exp. */
    private static final double EXCLUDED = -1e6;

    private final SubbandResponse response;
    private final Tensor stopOffset;
    private final Tensor passMask;
    private final Tensor innerMask;
    private final double stopCount;
    private final double passCount;
    private final double innerCount;
    private final double stopWeight;
    private final double passWeight;
    private final double symmetryWeight;

    /**
     * A loss for banks of the given structure on at least {@code gridPoints} bin centres in [0, π] (rounded
     * up to a multiple of 2N).
     *
     * @param edge        stopband edge of each subband, in units of π/N from its centre (the default designs use 1.5)
     * @param stopWeight  weight w_s of the stopband-to-passband level
     * @param passWeight  weight w_p of the passband flatness
     * @param symmetryWeight weight w_a of the prototype asymmetry
     */
    public DesignLoss(BankStructure structure, double edge, int gridPoints, double stopWeight, double passWeight,
            double symmetryWeight) {
        if (!(edge > 0.5) || edge * Math.PI / structure.subbands() >= Math.PI) {
            throw new IllegalArgumentException("stopband edge must lie between the passband edge 0.5 and N, in units"
                    + " of π/N; got " + edge);
        }
        if (!(stopWeight > 0) || !(passWeight >= 0) || !(symmetryWeight >= 0)) {
            throw new IllegalArgumentException("weights must be stop > 0, pass ≥ 0 and symmetry ≥ 0, got " + stopWeight
                    + ", " + passWeight + " and " + symmetryWeight);
        }
        this.stopWeight = stopWeight;
        this.passWeight = passWeight;
        this.symmetryWeight = symmetryWeight;
        this.response = new SubbandResponse(structure, gridPoints);
        int n = structure.subbands();
        double[] w = response.frequencies();
        double[] stop = new double[n * w.length];
        double[] pass = new double[n * w.length];
        double[] inner = new double[n * w.length];
        double[] counts = new double[3];
        for (int k = 0; k < n; k++) {
            double centre = (k + 0.5) * Math.PI / n;
            for (int i = 0; i < w.length; i++) {
                double distance = Math.abs(w[i] - centre) * n / Math.PI;
                boolean inStop = distance >= edge;
                stop[k * w.length + i] = inStop ? 0 : EXCLUDED;
                pass[k * w.length + i] = distance <= 0.5 ? 1 : 0;
                inner[k * w.length + i] = distance <= 0.25 ? 1 : 0;
                counts[0] += inStop ? 1 : 0;
                counts[1] += pass[k * w.length + i];
                counts[2] += inner[k * w.length + i];
            }
        }
        if (counts[0] == 0 || counts[2] == 0) {
            throw new IllegalArgumentException("a grid of " + gridPoints + " points leaves an empty stopband or inner"
                    + " passband for " + structure + "; use more points");
        }
        stopCount = counts[0];
        passCount = counts[1];
        innerCount = counts[2];
        stopOffset = Scope.unscoped(() -> Tensor.of(stop, n, w.length));
        passMask = Scope.unscoped(() -> Tensor.of(pass, n, w.length));
        innerMask = Scope.unscoped(() -> Tensor.of(inner, n, w.length));
    }

    /** The grid, radians per sample. */
    public double[] frequencies() {
        return response.frequencies();
    }

    /** E for a bank at stopband exponent p ≥ 1 (a one-element tensor, differentiable in the bank's coefficients). */
    public Tensor evaluate(ModulatedFilterBank bank, double exponent) {
        if (!(exponent >= 1)) {
            throw new IllegalArgumentException("stopband exponent p must be ≥ 1, got " + exponent);
        }
        Tensor prototype = bank.prototype();
        Tensor power = response.power(prototype);
        Tensor logPower = power.add(1e-300).log();
        Tensor passLevel = power.mul(passMask).sum().div(passCount).log();
        Tensor scaled = logPower.mul(exponent).add(stopOffset);
        double shift;
        try (NoGrad ignored = NoGrad.enter()) {
            shift = scaled.max(new int[] {0, 1}, false).item();
        }
        Tensor stopLevel = scaled.sub(shift).exp().sum().div(stopCount).log().add(shift).div(exponent);
        Tensor loss = stopLevel.sub(passLevel).mul(DB * stopWeight);
        if (passWeight > 0) {
            Tensor deviation = logPower.sub(passLevel).square().mul(innerMask).sum().div(innerCount);
            loss = loss.add(deviation.mul(DB * DB * passWeight));
        }
        if (symmetryWeight > 0) {
            Tensor asymmetry = prototype.sub(prototype.flip(0)).square().sum().div(prototype.square().sum());
            loss = loss.add(asymmetry.mul(symmetryWeight));
        }
        return loss;
    }

    /** Releases the grid and masks. */
    @Override
    public void close() {
        response.close();
        stopOffset.close();
        passMask.close();
        innerMask.close();
    }
}
