package io.faltung.dsp.filterbank;

import io.faltung.tensor.Tensor;

/**
 * The result of a {@link FilterBankDesigner} run.
 *
 * @param structure     N, P and Q
 * @param coefficients  the optimised coefficient matrix {@code [3 + P + Q, N/2]} in row-major order
 * @param stopbandEdge  the stopband edge it was designed for, in units of π/N
 * @param seconds       wall-clock time of the optimisation
 * @param iterates      number of accepted L-BFGS iterates over all exponents and growth steps
 */
public record FilterBankDesign(BankStructure structure, double[] coefficients, double stopbandEdge, double seconds,
        int iterates) {

    /** Copies the coefficients. */
    public FilterBankDesign {
        coefficients = coefficients.clone();
    }

    @Override
    public double[] coefficients() {
        return coefficients.clone();
    }

    /**
     * The designed bank on the current backend (FLOAT64); close it when done. Its coefficient tensor
     * belongs to the caller's {@link io.faltung.tensor.Scope}, so use the bank inside that scope.
     */
    public ModulatedFilterBank bank() {
        return new ModulatedFilterBank(structure, Tensor.of(coefficients.clone(), structure.coefficientRows(),
                structure.half()));
    }
}
