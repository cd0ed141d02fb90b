package io.faltung.dsp.filterbank;

import java.util.Arrays;

/**
 * What a {@link FilterBankDesigner} optimises and how long.
 *
 * @param structure          N, P and Q
 * @param stopbandEdge       stopband of subband k: {@code |ω − (k + ½)π/N| ≥ edge·π/N}; 1.5 by default
 * @param stopbandWeight     weight of the stopband-to-passband level in the {@link DesignLoss}
 * @param passbandWeight     weight of the passband flatness in the {@link DesignLoss}
 * @param pointsPerTap       loss grid density: {@code pointsPerTap·L} bin centres in [0, π]
 * @param exponents          the stopband exponents p, in order (a continuation towards the worst-case level)
 * @param iterations         L-BFGS iterations per exponent and per growth step
 * @param growth             whether to reach P = Q stages by growth: design with fewer stage pairs first
 *                           and insert each further pair G·H = z⁻¹·I (coefficients 0) between the
 *                           G and the H stages, which leaves the filters unchanged up to a delay
 * @param gradientTolerance  L-BFGS stops when every gradient component is at most this
 */
public record DesignOptions(BankStructure structure, double stopbandEdge, double stopbandWeight, double passbandWeight,
        int pointsPerTap, double[] exponents, int iterations, boolean growth, double gradientTolerance) {

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
        if (iterations < 0) {
            throw new IllegalArgumentException("iterations must be ≥ 0, got " + iterations);
        }
        exponents = exponents.clone();
    }

    /** The defaults for a structure: edge 1.5π/N, weights 1 and 0, 8 points per tap, p = 2, 8, 32, 128. */
    public static DesignOptions defaults(BankStructure structure) {
        return new DesignOptions(structure, 1.5, 1.0, 0.0, 8, new double[] {2, 8, 32, 128}, 400, false, 1e-9);
    }

    /** These options with another stopband edge. */
    public DesignOptions withStopbandEdge(double edge) {
        return new DesignOptions(structure, edge, stopbandWeight, passbandWeight, pointsPerTap, exponents, iterations,
                growth, gradientTolerance);
    }

    /** These options with other weights. */
    public DesignOptions withWeights(double stop, double pass) {
        return new DesignOptions(structure, stopbandEdge, stop, pass, pointsPerTap, exponents, iterations, growth,
                gradientTolerance);
    }

    /** These options with another iteration budget per exponent. */
    public DesignOptions withIterations(int perExponent) {
        return new DesignOptions(structure, stopbandEdge, stopbandWeight, passbandWeight, pointsPerTap, exponents,
                perExponent, growth, gradientTolerance);
    }

    /** These options with growth switched on or off. */
    public DesignOptions withGrowth(boolean grow) {
        return new DesignOptions(structure, stopbandEdge, stopbandWeight, passbandWeight, pointsPerTap, exponents,
                iterations, grow, gradientTolerance);
    }

    /** These options with other exponents. */
    public DesignOptions withExponents(double... p) {
        return new DesignOptions(structure, stopbandEdge, stopbandWeight, passbandWeight, pointsPerTap, p, iterations,
                growth, gradientTolerance);
    }

    @Override
    public double[] exponents() {
        return exponents.clone();
    }
}
