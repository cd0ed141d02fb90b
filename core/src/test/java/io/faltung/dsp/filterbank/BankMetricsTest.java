package io.faltung.dsp.filterbank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faltung.tensor.Scope;
import org.junit.jupiter.api.Test;

class BankMetricsTest {

    @Test
    void sineWindowMdctHasItsKnownFigures() {
        BankStructure s = BankStructure.mdct(4);
        try (Scope scope = Scope.open(); ModulatedFilterBank bank = new ModulatedFilterBank(s,
                ModulatedFilterBankTest.coefficients(s, ModulatedFilterBank.sineWindowStart(s)))) {
            BankMetrics m = BankMetrics.measure(bank, 1.5);
            // FILTERBANK.md §6, N = 4 sine MDCT: proto ≥ 1.5π/N 24.0 dB, bank (trans 1.0) 23.8 dB, 3.01 / 1.23 dB.
            assertEquals(23.8, m.stopbandAttenuationDb(), 0.1);
            assertEquals(24.0, m.prototypeAttenuationDb(), 0.1);
            assertEquals(3.01, m.passbandAttenuationDb(), 0.02);
            assertEquals(1.23, m.passbandRippleDb(), 0.02);
            assertEquals(7, m.delay());
            assertTrue(m.reconstructionSnrDb() > 250, "float64 reconstruction SNR " + m.reconstructionSnrDb());
            assertEquals(4, m.subbandAttenuationDb().length);
        }
    }

    @Test
    void aNarrowerStopbandEdgeGivesLessAttenuation() {
        BankStructure s = BankStructure.mdct(4);
        try (Scope scope = Scope.open(); ModulatedFilterBank bank = new ModulatedFilterBank(s,
                ModulatedFilterBankTest.coefficients(s, ModulatedFilterBank.sineWindowStart(s)))) {
            // FILTERBANK.md §5/§6: the sine MDCT has about 9.6–9.8 dB beyond π/N.
            double atEdgeOne = BankMetrics.measure(bank, 1.0).prototypeAttenuationDb();
            assertEquals(9.8, atEdgeOne, 0.2);
        }
    }
}
