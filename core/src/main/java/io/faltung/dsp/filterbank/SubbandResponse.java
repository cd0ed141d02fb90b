package io.faltung.dsp.filterbank;

import io.faltung.tensor.Scope;
import io.faltung.tensor.Tensor;

/**
 * Squared magnitude responses of all N subband filters of a cosine-modulated bank, computed from the
 * prototype alone. With {@code h_k(n) = h(n)·√(2/N)·cos(ω_k(n + n₀))}, {@code ω_k = (k + ½)π/N}:
 * <pre>
 *   H_k(ω) = ½√(2/N)·( e^{iω_k n₀}·H(ω − ω_k) + e^{−iω_k n₀}·H(ω + ω_k) )
 * </pre>
 * The grid is the K bin centres {@code ωᵢ = (i + ½)π/K} with K a multiple of 2N, so every shift by
 * ±ω_k is a whole number of bins: one matrix product gives H on the grid (the
 * {@link FrequencyResponse}), the mirror {@code H(−ω) = conj H(ω)} extends it around the circle, and
 * the shifted copies for all k are one strided re-cut of that vector. This costs about a factor N/2
 * less than transforming all N filters and gives the same values (to rounding).
 */
public final class SubbandResponse implements AutoCloseable {
    private final BankStructure structure;
    private final int points;
    private final int step;
    private final FrequencyResponse prototypeResponse;
    private final Tensor cosPhase;
    private final Tensor sinPhase;
    private final Tensor conjugate;

    /** Responses on at least {@code minimumPoints} bin centres in [0, π], rounded up to a multiple of 2N. */
    public SubbandResponse(BankStructure structure, int minimumPoints) {
        int n = structure.subbands();
        this.structure = structure;
        this.step = Math.max(1, (minimumPoints + 2 * n - 1) / (2 * n));
        this.points = 2 * n * step;
        this.prototypeResponse = FrequencyResponse.midpoints(structure.length(), points);
        double[] cos = new double[n];
        double[] sin = new double[n];
        double half = 0.5 * Math.sqrt(2.0 / n);
        for (int k = 0; k < n; k++) {
            double phase = (k + 0.5) * Math.PI / n * structure.modulationOffset();
            cos[k] = half * Math.cos(phase);
            sin[k] = half * Math.sin(phase);
        }
        this.cosPhase = Scope.unscoped(() -> Tensor.of(cos, n, 1));
        this.sinPhase = Scope.unscoped(() -> Tensor.of(sin, n, 1));
        this.conjugate = Scope.unscoped(() -> Tensor.of(new double[] {1, -1}, 2, 1));
    }

    /** The grid, radians per sample. */
    public double[] frequencies() {
        return prototypeResponse.frequencies();
    }

    /** {@code |H_k(ωᵢ)|²} for the prototype {@code h} ({@code [L]}): shape {@code [N, K]}. */
    public Tensor power(Tensor prototype) {
        int n = structure.subbands();
        int k = points;
        Tensor half = prototypeResponse.complex(prototype.reshape(1, structure.length())).reshape(2, k);
        // H at bins −K … 2K−1 (index + K): conj-mirrored half, the half itself, the mirrored half again.
        Tensor mirrored = half.flip(1).mul(conjugate);
        Tensor circle = Tensor.concat(1, mirrored, half, mirrored);
        // A_k(i) = H(ωᵢ − ω_k) = circle[K − (2k+1)·step + i]; B_k(i) = H(ωᵢ + ω_k), the same cut of the
        // reversed circle, read backwards.
        Tensor minus = shifted(circle);
        Tensor plus = shifted(circle.flip(1)).flip(2);
        Tensor aRe = minus.slice(0, 0, 1);
        Tensor aIm = minus.slice(0, 1, 2);
        Tensor bRe = plus.slice(0, 0, 1);
        Tensor bIm = plus.slice(0, 1, 2);
        Tensor re = aRe.add(bRe).mul(cosPhase).sub(aIm.sub(bIm).mul(sinPhase));
        Tensor im = aIm.add(bIm).mul(cosPhase).add(aRe.sub(bRe).mul(sinPhase));
        return re.square().add(im.square()).reshape(n, k);
    }

    /**
     * Rows k = 0…N−1 of {@code v[K − (2k+1)·step + i]}, i < K, for {@code v} of shape {@code [2, 3K]}:
     * N copies of v laid end to end and re-cut into rows 2·step shorter, so that each row starts
     * 2·step earlier in v than the one before.
     */
    private Tensor shifted(Tensor v) {
        int n = structure.subbands();
        int length = 3 * points;
        int width = length - 2 * step;
        int start = points - step;
        return v.reshape(2, 1, length).expand(io.faltung.tensor.Shape.of(2, n, length)).contiguous()
                .reshape(2, n * length).slice(1, start, start + n * width).reshape(2, n, width).slice(2, 0, points);
    }

    @Override
    public void close() {
        prototypeResponse.close();
        cosPhase.close();
        sinPhase.close();
        conjugate.close();
    }
}
