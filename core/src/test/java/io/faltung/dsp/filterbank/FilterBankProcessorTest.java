package io.faltung.dsp.filterbank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faltung.tensor.Scope;
import io.faltung.tensor.Tensor;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FilterBankProcessorTest {

    @ParameterizedTest(name = "N={0} P={1} Q={2}")
    @CsvSource({"4,0,0", "4,1,1", "4,2,1", "6,0,2"})
    void streamingInUnevenChunksReconstructsARandomSignal(int n, int p, int q) {
        BankStructure s = new BankStructure(n, p, q);
        Random random = new Random(7L * n + p + q);
        double[] x = random.doubles(25 * n, -1, 1).toArray();
        double[] y = new double[x.length];
        int produced = 0;
        try (Scope scope = Scope.open();
             ModulatedFilterBank bank = new ModulatedFilterBank(s, ModulatedFilterBankTest.coefficients(s,
                     ModulatedFilterBankTest.randomCoefficients(s, 99L + n)));
             FilterBankProcessor processor = new FilterBankProcessor(bank)) {
            int at = 0;
            while (at < x.length) {
                int chunk = Math.min(x.length - at, 1 + random.nextInt(3 * n));
                double[] part = java.util.Arrays.copyOfRange(x, at, at + chunk);
                at += chunk;
                double[] out = processor.process(Tensor.of(part, chunk)).toDoubleArray();
                System.arraycopy(out, 0, y, produced, out.length);
                produced += out.length;
            }
            int d = processor.delay();
            assertEquals(s.delay(), d);
            assertTrue(produced > d + 10 * n, "produced " + produced + " samples");
            for (int t = 0; t + d < produced; t++) {
                assertEquals(x[t], y[t + d], 1e-11, "output sample " + (t + d));
            }
            for (int t = 0; t < d; t++) {
                assertEquals(0, y[t], 1e-11, "output before the delay, sample " + t);
            }
        }
    }

    @ParameterizedTest(name = "N={0} P={1} Q={2}")
    @CsvSource({"4,0,0", "4,1,1", "4,0,2", "2,1,1"})
    void anImpulseComesOutAfterTheSystemDelay(int n, int p, int q) {
        BankStructure s = new BankStructure(n, p, q);
        try (Scope scope = Scope.open();
             ModulatedFilterBank bank = new ModulatedFilterBank(s, ModulatedFilterBankTest.coefficients(s,
                     ModulatedFilterBankTest.randomCoefficients(s, 5L + q)));
             FilterBankProcessor processor = new FilterBankProcessor(bank)) {
            double[] impulse = new double[s.length() * 3];
            impulse[0] = 1;
            double[] out = processor.process(Tensor.of(impulse, impulse.length)).toDoubleArray();
            int peak = 0;
            for (int t = 1; t < out.length; t++) {
                if (Math.abs(out[t]) > Math.abs(out[peak])) {
                    peak = t;
                }
            }
            assertEquals(2 * n - 1 + 2 * q * n, peak);
            assertEquals(1, out[peak], 1e-12);
        }
    }
}
