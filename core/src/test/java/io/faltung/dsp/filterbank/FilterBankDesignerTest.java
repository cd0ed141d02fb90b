package io.faltung.dsp.filterbank;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faltung.tensor.Scope;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FilterBankDesignerTest {

    @Test
    void designImprovesOnTheMdctStartAndKeepsPerfectReconstruction() {
        BankStructure s = new BankStructure(4, 1, 1);
        DesignOptions options = DesignOptions.defaults(s).withExponents(2, 8).withIterations(25);
        List<FilterBankDesigner.Progress> trace = new ArrayList<>();
        FilterBankDesign design = FilterBankDesigner.design(options, trace::add);
        assertEquals(0, trace.get(0).iteration());
        assertTrue(trace.get(trace.size() - 1).loss() < trace.get(0).loss() - 5,
                "loss should fall well below the MDCT start: " + trace.get(0).loss() + " → "
                        + trace.get(trace.size() - 1).loss());
        try (Scope scope = Scope.open(); ModulatedFilterBank bank = design.bank()) {
            BankMetrics m = BankMetrics.measure(bank, 1.5);
            // The sine MDCT delayed by one block has 23.8 dB; one G/H pair buys about 10 dB more (FILTERBANK.md §6).
            assertTrue(m.stopbandAttenuationDb() > 30, "worst subband " + m.stopbandAttenuationDb() + " dB");
            assertEquals(s.delay(), m.delay());
            assertTrue(m.reconstructionSnrDb() > 250, "SNR " + m.reconstructionSnrDb());
        }
    }

    @Test
    void insertingAZeroPairOnlyDelaysTheFiltersByOneBlock() {
        BankStructure small = new BankStructure(4, 1, 1);
        BankStructure grown = new BankStructure(4, 2, 2);
        double[] x = ModulatedFilterBankTest.randomCoefficients(small, 3);
        double[] y = FilterBankDesigner.insertPair(small, x);
        assertEquals(grown.parameterCount(), y.length);
        try (Scope scope = Scope.open();
             ModulatedFilterBank a = new ModulatedFilterBank(small, ModulatedFilterBankTest.coefficients(small, x));
             ModulatedFilterBank b = new ModulatedFilterBank(grown, ModulatedFilterBankTest.coefficients(grown, y))) {
            double[] h = a.analysisFilters().toDoubleArray();
            double[] g = b.analysisFilters().toDoubleArray();
            int n = 4;
            double[] expected = new double[g.length];
            for (int k = 0; k < n; k++) {
                System.arraycopy(h, k * small.length(), expected, k * grown.length() + n, small.length());
            }
            assertArrayEquals(expected, g, 1e-12);
        }
    }

    @Test
    void growthReachesTheTargetStructure() {
        BankStructure s = new BankStructure(4, 2, 1);
        DesignOptions options = DesignOptions.defaults(s).withExponents(2).withIterations(5).withGrowth(5);
        List<BankStructure> seen = new ArrayList<>();
        FilterBankDesign design = FilterBankDesigner.design(options, p -> {
            if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(p.structure())) {
                seen.add(p.structure());
            }
        });
        assertEquals(List.of(new BankStructure(4, 1, 0), new BankStructure(4, 2, 1)), seen);
        assertEquals(s.parameterCount(), design.coefficients().length);
    }
}
