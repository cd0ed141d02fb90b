package io.faltung.dsp.filterbank;

import io.faltung.optim.minimize.Minimize;
import io.faltung.optim.minimize.Objective;
import io.faltung.tensor.Scope;
import io.faltung.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Designs a modulated PR filter bank by minimising the {@link DesignLoss} over the structure's free
 * coefficients with L-BFGS ({@link Minimize#lbfgs}), the gradient coming from autograd through the
 * whole polyphase chain. The design starts from the sine-window MDCT (all G/H coefficients 0) and runs
 * the loss with each stopband exponent p in turn, each from the previous optimum (a continuation from
 * a least-squares-like error towards the worst-case stopband level). With {@link DesignOptions#growth()}
 * it first designs with fewer G/H pairs and inserts one pair at a time. Every coefficient value is a
 * perfect-reconstruction bank, so the optimisation is unconstrained. FLOAT64 on the current backend.
 */
public final class FilterBankDesigner {
    private FilterBankDesigner() {
    }

    /** One accepted L-BFGS iterate: the structure being optimised, the exponent p, the iterate index, the loss in dB. */
    public record Progress(BankStructure structure, double exponent, int iteration, double loss) {
    }

    /** Designs the bank the options describe, reporting every iterate to {@code progress}. */
    public static FilterBankDesign design(DesignOptions options, Consumer<Progress> progress) {
        long start = System.nanoTime();
        BankStructure target = options.structure();
        int pairs = options.growth() ? Math.min(target.zeroDelayStages(), target.maximumDelayStages()) : 0;
        BankStructure current = new BankStructure(target.subbands(), target.zeroDelayStages() - pairs,
                target.maximumDelayStages() - pairs);
        double[] x = ModulatedFilterBank.sineWindowStart(current);
        double[] exponents = options.exponents();
        int evaluations = 0;
        List<Double> trace = new ArrayList<>();
        while (true) {
            boolean last = current.equals(target);
            // Intermediate structures stop before the last (sharpest) exponent.
            int count = last || exponents.length == 1 ? exponents.length : exponents.length - 1;
            try (Scope scope = Scope.open(); ModulatedFilterBank bank = new ModulatedFilterBank(current, zeros(current));
                 DesignLoss loss = new DesignLoss(current, options.stopbandEdge(), options.pointsPerTap() * current.length(),
                         options.stopbandWeight(), options.passbandWeight(), options.symmetryWeight())) {
                for (int e = 0; e < count; e++) {
                    double p = exponents[e];
                    BankStructure shape = current;
                    Objective f = objective(bank, loss, p);
                    int iterations = last ? options.iterations() : options.growthIterations();
                    x = Minimize.lbfgs(f, x, iterations, options.gradientTolerance(), it -> {
                        trace.add(it.value());
                        progress.accept(new Progress(shape, p, it.index(), it.value()));
                    });
                }
            }
            if (last) {
                break;
            }
            x = insertPair(current, x);
            current = new BankStructure(current.subbands(), current.zeroDelayStages() + 1,
                    current.maximumDelayStages() + 1);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new FilterBankDesign(target, x, options.stopbandEdge(), seconds, trace.size());
    }

    /** The loss as a function of the flattened coefficient matrix, for {@link Minimize}. */
    static Objective objective(ModulatedFilterBank bank, DesignLoss loss, double exponent) {
        BankStructure s = bank.structure();
        return x -> {
            Tensor[] parts = new Tensor[x.length];
            for (int i = 0; i < x.length; i++) {
                parts[i] = x[i].reshape(1);
            }
            Tensor coefficients = Tensor.concat(0, parts).reshape(s.coefficientRows(), s.half());
            try (ModulatedFilterBank candidate = bank.withCoefficients(coefficients)) {
                return loss.evaluate(candidate, exponent);
            }
        };
    }

    /**
     * The coefficients with one zero G row appended after the G rows and one zero H row before the H
     * rows: the new pair {@code G·H = J·z⁻¹J = z⁻¹·I} only delays the filters by one block.
     */
    static double[] insertPair(BankStructure s, double[] x) {
        int h = s.half();
        int gEnd = (3 + s.zeroDelayStages()) * h;
        double[] grown = new double[x.length + 2 * h];
        System.arraycopy(x, 0, grown, 0, gEnd);
        System.arraycopy(x, gEnd, grown, gEnd + 2 * h, x.length - gEnd);
        return grown;
    }

    private static Tensor zeros(BankStructure s) {
        return Tensor.of(new double[s.parameterCount()], s.coefficientRows(), s.half());
    }
}
