package io.faltung.dsp.filterbank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faltung.autograd.NoGrad;
import io.faltung.tensor.Scope;
import io.faltung.tensor.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DesignLossTest {

    @Test
    void gradientMatchesCentralDifferences() {
        BankStructure s = new BankStructure(4, 1, 1);
        double[] x = ModulatedFilterBank.sineWindowStart(s);
        Random random = new Random(11);
        for (int i = 0; i < x.length; i++) {
            x[i] += 0.3 * random.nextGaussian();
        }
        try (Scope scope = Scope.open();
             DesignLoss loss = new DesignLoss(s, 1.5, 96, 1.0, 0.05, 2.0)) {
            Tensor params = Tensor.of(x.clone(), s.coefficientRows(), s.half()).requiresGrad(true);
            try (ModulatedFilterBank bank = new ModulatedFilterBank(s, params)) {
                loss.evaluate(bank, 8).backward();
                double[] analytic = params.grad().toDoubleArray();
                double step = 1e-6;
                double worst = 0;
                for (int i = 0; i < x.length; i++) {
                    double plus = valueAt(loss, bank, params, x, i, step);
                    double minus = valueAt(loss, bank, params, x, i, -step);
                    double numeric = (plus - minus) / (2 * step);
                    double error = Math.abs(numeric - analytic[i]) / Math.max(1, Math.abs(numeric));
                    worst = Math.max(worst, error);
                    assertEquals(numeric, analytic[i], 1e-6 * Math.max(1, Math.abs(numeric)), "∂E/∂x[" + i + "]");
                }
                assertTrue(worst < 1e-6, "worst relative gradient error " + worst);
            }
        }
    }

    private static double valueAt(DesignLoss loss, ModulatedFilterBank bank, Tensor params, double[] x, int i,
            double step) {
        double[] moved = x.clone();
        moved[i] += step;
        try (NoGrad ignored = NoGrad.enter(); Scope scope = Scope.open()) {
            params.assign(Tensor.of(moved, params.shape().toArray()));
            double value = loss.evaluate(bank, 8).item();
            params.assign(Tensor.of(x, params.shape().toArray()));
            return value;
        }
    }

    @Test
    void largeExponentApproachesTheWorstStopbandLevelRelativeToThePassband() {
        BankStructure s = BankStructure.mdct(4);
        try (Scope scope = Scope.open();
             ModulatedFilterBank bank = new ModulatedFilterBank(s, ModulatedFilterBankTest.coefficients(s,
                     ModulatedFilterBank.sineWindowStart(s)));
             DesignLoss loss = new DesignLoss(s, 1.5, 512, 1.0, 0.0, 0.0);
             FrequencyResponse grid = new FrequencyResponse(s.length(), loss.frequencies())) {
            Tensor h = bank.analysisFilters();
            double[][] db = grid.magnitudeDb(h);
            double[] w = grid.frequencies();
            double worstStop = Double.NEGATIVE_INFINITY;
            double passSum = 0;
            int passCount = 0;
            for (int k = 0; k < 4; k++) {
                for (int i = 0; i < w.length; i++) {
                    double distance = Math.abs(w[i] - (k + 0.5) * Math.PI / 4) * 4 / Math.PI;
                    if (distance >= 1.5) {
                        worstStop = Math.max(worstStop, db[k][i]);
                    }
                    if (distance <= 0.5) {
                        passSum += Math.pow(10, db[k][i] / 10);
                        passCount++;
                    }
                }
            }
            double expected = worstStop - 10 * Math.log10(passSum / passCount);
            double value = loss.evaluate(bank, 4000).item();
            assertEquals(expected, value, 0.05, "E at p = 4000 against the grid's worst stopband level");
            assertTrue(loss.evaluate(bank, 2).item() < value,
                    "a smaller exponent averages and stays below the maximum");
        }
    }
}
