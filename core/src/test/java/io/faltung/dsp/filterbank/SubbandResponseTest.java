package io.faltung.dsp.filterbank;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.faltung.tensor.Scope;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SubbandResponseTest {

    @ParameterizedTest(name = "N={0} P={1} Q={2}")
    @CsvSource({"2,0,0", "4,0,0", "4,1,0", "4,1,1", "6,2,1"})
    void modulatedPrototypeResponseEqualsTheTransformOfEveryFilter(int n, int p, int q) {
        BankStructure s = new BankStructure(n, p, q);
        try (Scope scope = Scope.open();
             ModulatedFilterBank bank = new ModulatedFilterBank(s, ModulatedFilterBankTest.coefficients(s,
                     ModulatedFilterBankTest.randomCoefficients(s, 23L * n + p)));
             SubbandResponse fast = new SubbandResponse(s, 5 * s.length())) {
            double[] w = fast.frequencies();
            assertEquals(0, w.length % (2 * n));
            try (FrequencyResponse direct = new FrequencyResponse(s.length(), w)) {
                double[] expected = direct.power(bank.analysisFilters()).toDoubleArray();
                double[] actual = fast.power(bank.prototype()).toDoubleArray();
                double scale = 0;
                for (double e : expected) {
                    scale = Math.max(scale, e);
                }
                assertArrayEquals(expected, actual, 1e-11 * scale);
            }
        }
    }
}
