package io.faltung.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.faltung.tensor.Scope;
import io.faltung.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class GradientClippingTest {
    /** Two parameters whose gradients are (3, 0) and (-4): global norm 5. */
    private static List<Tensor> parameters() {
        Tensor a = Scope.unscoped(() -> Tensor.of(new double[] {1, 1}, 2).requiresGrad(true));
        Tensor b = Scope.unscoped(() -> Tensor.of(new double[] {1}, 1).requiresGrad(true));
        try (Scope s = Scope.open()) {
            a.mul(Tensor.of(new double[] {3, 0}, 2)).sum().add(b.mul(-4).sum()).backward();
        }
        return List.of(a, b);
    }

    @Test
    void globalNormScalesAllGradientsTogether() {
        List<Tensor> params = parameters();
        assertEquals(5, GradientClipping.globalNorm(params), 1e-15);
        GradientClipping.byGlobalNorm(1).apply(params);
        double c = 1 / (5 + 1e-6);
        assertArrayEquals(new double[] {3 * c, 0}, params.get(0).grad().toDoubleArray(), 1e-15);
        assertArrayEquals(new double[] {-4 * c}, params.get(1).grad().toDoubleArray(), 1e-15);
        assertEquals(1, GradientClipping.globalNorm(params), 1e-6);
    }

    @Test
    void smallNormsAreLeftAlone() {
        List<Tensor> params = parameters();
        GradientClipping.byGlobalNorm(10).apply(params);
        assertArrayEquals(new double[] {3, 0}, params.get(0).grad().toDoubleArray(), 0.0);
    }

    @Test
    void byValueClampsEachElement() {
        List<Tensor> params = parameters();
        GradientClipping.byValue(2).apply(params);
        assertArrayEquals(new double[] {2, 0}, params.get(0).grad().toDoubleArray(), 0.0);
        assertArrayEquals(new double[] {-2}, params.get(1).grad().toDoubleArray(), 0.0);
    }

    @Test
    void optimizerClipsBeforeTheUpdate() {
        List<Tensor> params = parameters();
        new SGD(1).clipping(GradientClipping.byValue(2)).step(params);
        assertArrayEquals(new double[] {-1, 1}, params.get(0).toDoubleArray(), 0.0);
        assertArrayEquals(new double[] {3}, params.get(1).toDoubleArray(), 0.0);
    }

    @Test
    void limitsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> GradientClipping.byGlobalNorm(0));
        assertThrows(IllegalArgumentException.class, () -> GradientClipping.byValue(Double.NaN));
    }
}
