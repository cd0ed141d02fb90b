package io.faltung.dsp.filterbank;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.faltung.tensor.Scope;
import io.faltung.tensor.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PolyMatrixTest {
    private final Random random = new Random(5);

    private double[] randoms(int count) {
        return random.doubles(count, -1, 1).toArray();
    }

    @Test
    void productIsTheMatrixConvolutionOfTheCoefficients() {
        int da = 3;
        int db = 4;
        int n = 2;
        int m = 3;
        int k = 2;
        double[] a = randoms(da * n * m);
        double[] b = randoms(db * m * k);
        double[] expected = new double[(da + db - 1) * n * k];
        for (int i = 0; i < da; i++) {
            for (int j = 0; j < db; j++) {
                for (int r = 0; r < n; r++) {
                    for (int c = 0; c < k; c++) {
                        for (int t = 0; t < m; t++) {
                            expected[((i + j) * n + r) * k + c] += a[(i * n + r) * m + t] * b[(j * m + t) * k + c];
                        }
                    }
                }
            }
        }
        try (Scope scope = Scope.open()) {
            PolyMatrix product = PolyMatrix.of(Tensor.of(a, da, n, m)).times(PolyMatrix.of(Tensor.of(b, db, m, k)));
            assertEquals(da + db - 2, product.degree());
            assertArrayEquals(expected, product.coefficients().toDoubleArray(), 1e-14);
            PolyMatrix delayed = PolyMatrix.of(Tensor.of(a, da, n, m)).delayed(2);
            assertEquals(0, delayed.coefficient(1).toDoubleArray()[0]);
            assertArrayEquals(PolyMatrix.of(Tensor.of(a, da, n, m)).coefficient(0).toDoubleArray(),
                    delayed.coefficient(2).toDoubleArray());
        }
    }

    @Test
    void stageProductsEqualProductsWithTheExplicitStageMatrices() {
        BankStructure s = new BankStructure(6, 1, 1);
        try (Scope scope = Scope.open();
             BankConstants constants = new BankConstants(s)) {
            PolyMatrix x = PolyMatrix.of(Tensor.of(randoms(3 * 36), 3, 6, 6));
            Tensor g = Tensor.of(randoms(3), 1, 3);
            for (Stage stage : Stage.values()) {
                assertArrayEquals(x.times(stage.analysisMatrix(g, constants)).coefficients().toDoubleArray(),
                        stage.applyAnalysis(x, g).coefficients().toDoubleArray(), 1e-14, stage + " analysis");
                assertArrayEquals(x.times(stage.synthesisMatrix(g, constants)).coefficients().toDoubleArray(),
                        stage.applySynthesis(x, g).coefficients().toDoubleArray(), 1e-14, stage + " synthesis");
                PolyMatrix identity = stage.analysisMatrix(g, constants).times(stage.synthesisMatrix(g, constants));
                double[] c = identity.coefficients().toDoubleArray();
                int delay = stage == Stage.ZERO_DELAY ? 0 : 2;
                for (int j = 0; j < 3; j++) {
                    for (int r = 0; r < 6; r++) {
                        for (int col = 0; col < 6; col++) {
                            assertEquals(j == delay && r == col ? 1 : 0, c[(j * 6 + r) * 6 + col], 1e-15,
                                    stage + " · inverse at z^-" + j);
                        }
                    }
                }
            }
        }
    }

    @Test
    void rejectsMismatchedShapes() {
        try (Scope scope = Scope.open()) {
            PolyMatrix a = PolyMatrix.of(Tensor.of(new double[12], 2, 2, 3));
            assertThrows(IllegalArgumentException.class, () -> a.times(a));
            assertThrows(IllegalArgumentException.class, () -> PolyMatrix.of(Tensor.of(new double[4], 2, 2)));
            assertThrows(IllegalArgumentException.class, () -> a.delayed(-1));
        }
    }
}
