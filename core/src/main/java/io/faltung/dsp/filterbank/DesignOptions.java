package io.faltung.dsp.filterbank;

import java.util.Arrays;

/**
 * What a {@link FilterBankDesigner} optimises and how long.
 *
 * @param structure          N, P and Q
 * @param stopbandEdge       stopband of subband k: {@code |ω − (k + ½)π/N| ≥ edge·π/N}; 1.5 by default
 * @param stopbandWeight     weight of the stopband-to-passband level in the {@link DesignLoss}
 * @param passbandWeight     weight of the passband flatness in the {@link DesignLoss}
 * @param symmetryWeight     weight of the prototype asymmetry in the {@link DesignLoss}
 * @param pointsPerTap       loss grid density: {@code pointsPerTap·L} bin centres in [0, π]
 * @param exponents          the stopband exponents p, in order (a continuation towards the worst-case level)
 * @param iterations         L-BFGS iterations per exponent on the target structure
 * @param growthIterations   0 to optimise the target structure directly; otherwise reach it by growth:
 *                           design with fewer G/H pairs first (this many iterations per exponent on each
 *                           smaller structure) and insert each further pair G·H = z⁻¹·I (coefficients 0)
 *                           between the G and the H stages, which leaves the filters unchanged up to a delay
 * @param gradientTolerance  L-BFGS stops when every gradient component is at most this
 */
public record DesignOptions(BankStructure structure, double stopbandEdge, double stopbandWeight, double passbandWeight,
        double symmetryWeight, int pointsPerTap, double[] exponents, int iterations, int growthIterations,
        double gradientTolerance) {

    /** Validates the options. */
    public DesignOptions {
        if (pointsPerTap < 1) {
            throw new IllegalArgumentException("pointsPerTap must be ≥ 1, got " + pointsPerTap);
        }
        if (exponents.length == 0) {
            throw new IllegalArgumentException("at least one stopband exponent is needed");
        }
        for (double p : exponents) {
            if (!(p >= 1)) {
                throw new IllegalArgumentException("stopband exponents must be ≥ 1, got " + Arrays.toString(exponents));
            }
        }
        if (iterations < 0 || growthIterations < 0) {
            throw new IllegalArgumentException("iterations must be ≥ 0, got " + iterations + " and "
                    + growthIterations);
        }
        exponents = exponents.clone();
    }

    /**
     * The schedule the examples use, tuned on the N = 8 and N = 32 targets: exponents p = 2, 8, 32 with
     * 400 iterations each on a grid of 4 points per tap and a stopband edge of 1.5π/N. When the structure
     * has G/H pairs they are grown one at a time with only 100 iterations per exponent on each smaller
     * structure (fully converged intermediate designs steer into poorer optima of the full structure).
     * Orthogonal-type banks (P = Q, delay L − 1) get a prototype-asymmetry weight of 30: their best
     * designs have nearly symmetric prototypes, and the weight keeps the search away from asymmetric
     * optima that are 5–10 dB worse.
     */
    public static DesignOptions defaults(BankStructure structure) {
        boolean orthogonal = structure.zeroDelayStages() == structure.maximumDelayStages();
        return new DesignOptions(structure, 1.5, 1.0, 0.0, orthogonal ? 30.0 : 0.0, 4, new double[] {2, 8, 32}, 400,
                100, 1e-9);
    }

    /** These options with another stopband edge. */
    public DesignOptions withStopbandEdge(double edge) {
        return new DesignOptions(structure, edge, stopbandWeight, passbandWeight, symmetryWeight, pointsPerTap,
                exponents, iterations, growthIterations, gradientTolerance);
    }

    /** These options with other loss weights (stopband level, passband flatness, prototype asymmetry). */
    public DesignOptions withWeights(double stop, double pass, double symmetry) {
        return new DesignOptions(structure, stopbandEdge, stop, pass, symmetry, pointsPerTap, exponents, iterations,
                growthIterations, gradientTolerance);
    }

    /** These options with another iteration budget per exponent on the target structure. */
    public DesignOptions withIterations(int perExponent) {
        return new DesignOptions(structure, stopbandEdge, stopbandWeight, passbandWeight, symmetryWeight, pointsPerTap,
                exponents, perExponent, growthIterations, gradientTolerance);
    }

    /** These options with growth ({@code perExponent} iterations per smaller structure), or none (0). */
    public DesignOptions withGrowth(int perExponent) {
        return new DesignOptions(structure, stopbandEdge, stopbandWeight, passbandWeight, symmetryWeight, pointsPerTap,
                exponents, iterations, perExponent, gradientTolerance);
    }

    /** These options with other stopband exponents. */
    public DesignOptions withExponents(double... p) {
        return new DesignOptions(structure, stopbandEdge, stopbandWeight, passbandWeight, symmetryWeight, pointsPerTap,
                p, iterations, growthIterations, gradientTolerance);
    }

    /** Whether the design grows from fewer stage pairs. */
    public boolean growth() {
        return growthIterations > 0;
    }

    @Override
    public double[] exponents() {
        return exponents.clone();
    }
}
