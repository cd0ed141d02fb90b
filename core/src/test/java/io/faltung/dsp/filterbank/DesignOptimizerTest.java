package io.faltung.dsp.filterbank;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faltung.optim.minimize.Minimize;
import io.faltung.optim.minimize.Objective;
import io.faltung.tensor.Scope;
import io.faltung.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DesignOptimizerTest {
    private static final BankStructure SMALL = new BankStructure(4, 1, 1);

    private static DesignOptions options(DesignOptimizer method) {
        return DesignOptions.defaults(SMALL).withExponents(2).withIterations(10).withGrowth(0).withOptimizer(method);
    }

    @ParameterizedTest
    @EnumSource(value = DesignOptimizer.class, names = {"LBFGS", "ADAM", "GRADIENT_DESCENT"})
    void firstOrderOptimizersLowerTheLossFromTheMdctStart(DesignOptimizer method) {
        List<FilterBankDesigner.Progress> trace = new ArrayList<>();
        FilterBankDesign design = FilterBankDesigner.design(options(method), trace::add);
        double start = trace.get(0).loss();
        double end = withObjective(o -> o.apply(parts(design.coefficients())).item());
        assertEquals(0, trace.get(0).iteration());
        double expected = method == DesignOptimizer.ADAM
                ? trace.stream().mapToDouble(FilterBankDesigner.Progress::loss).min().orElseThrow()
                : trace.get(trace.size() - 1).loss();
        assertEquals(expected, end, 1e-9, "the design is the last iterate (Adam: the best one)");
        assertTrue(end < start - 3, method + " should lower the loss from the MDCT start: " + start + " → " + end);
    }

    @Test
    void adamReturnsItsBestIterateWhenItOvershoots() {
        Objective square = x -> x[0].mul(x[0]);
        List<Double> values = new ArrayList<>();
        double[] result = withDoubles(() -> DesignOptimizer.ADAM.minimise(square, new double[] {1.0}, 6,
                options(DesignOptimizer.ADAM).withStepSize(1.0), it -> values.add(it.value())));
        double best = values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        assertTrue(values.get(values.size() - 1) > best, "the test needs an overshooting run: " + values);
        assertEquals(best, result[0] * result[0], 1e-12);
    }

    private static double[] withDoubles(java.util.function.Supplier<double[]> body) {
        try (Scope scope = Scope.open()) {
            return body.get();
        }
    }

    @Test
    void newtonNeverRisesAndConvergesNearAnOptimum() {
        List<FilterBankDesigner.Progress> trace = new ArrayList<>();
        FilterBankDesign design = FilterBankDesigner.design(options(DesignOptimizer.NEWTON), trace::add);
        for (int i = 1; i < trace.size(); i++) {
            assertTrue(trace.get(i).loss() < trace.get(i - 1).loss(), "Newton iterates must descend: " + trace);
        }
        assertEquals(SMALL.parameterCount(), design.coefficients().length);
        double[] start = ModulatedFilterBank.sineWindowStart(SMALL);
        withObjective(f -> {
            double[] near = Minimize.lbfgs(f, start, 15, 0);
            double before = f.apply(parts(near)).item();
            double[] polished = DesignOptimizer.NEWTON.minimise(f, near, 3, options(DesignOptimizer.NEWTON), it -> { });
            double after = f.apply(parts(polished)).item();
            assertTrue(after < before, "Newton should lower the loss near an L-BFGS iterate: " + before + " → "
                    + after);
            return after;
        });
    }

    @Test
    void defaultIsLbfgsAndItsResultIsThatOfMinimizeLbfgs() {
        DesignOptions defaults = DesignOptions.defaults(SMALL).withExponents(2).withIterations(10).withGrowth(0);
        assertEquals(DesignOptimizer.LBFGS, defaults.optimizer());
        double[] designed = FilterBankDesigner.design(defaults, p -> { }).coefficients();
        double[] direct = withObjective(f -> Minimize.lbfgs(f, ModulatedFilterBank.sineWindowStart(SMALL), 10,
                defaults.gradientTolerance()));
        assertArrayEquals(direct, designed, 0.0);
    }

    @Test
    void stepSizesAreChecked() {
        assertEquals(0.01, DesignOptions.defaults(SMALL).withOptimizer(DesignOptimizer.ADAM).stepSize());
        assertThrows(IllegalArgumentException.class,
                () -> DesignOptions.defaults(SMALL).withOptimizer(DesignOptimizer.ADAM).withStepSize(0));
        assertThrows(IllegalArgumentException.class,
                () -> DesignOptions.defaults(SMALL).withOptimizer(DesignOptimizer.GRADIENT_DESCENT)
                        .withStepSize(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> DesignOptions.defaults(SMALL).withOptimizer(null));
    }

    /** {@code body} applied to the p = 2 design objective of {@link #SMALL} at the default weights. */
    private static <T> T withObjective(Function<Objective, T> body) {
        DesignOptions o = DesignOptions.defaults(SMALL);
        double[] x = ModulatedFilterBank.sineWindowStart(SMALL);
        try (Scope scope = Scope.open();
             ModulatedFilterBank bank = new ModulatedFilterBank(SMALL, Tensor.of(x, SMALL.coefficientRows(),
                     SMALL.half()));
             DesignLoss loss = new DesignLoss(SMALL, o.stopbandEdge(), o.pointsPerTap() * SMALL.length(),
                     o.stopbandWeight(), o.passbandWeight(), o.symmetryWeight())) {
            return body.apply(FilterBankDesigner.objective(bank, loss, 2));
        }
    }

    private static Tensor[] parts(double[] x) {
        Tensor[] t = new Tensor[x.length];
        for (int i = 0; i < x.length; i++) {
            t[i] = Tensor.of(new double[] {x[i]});
        }
        return t;
    }
}
