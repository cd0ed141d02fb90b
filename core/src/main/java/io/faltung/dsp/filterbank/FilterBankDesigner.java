package io.faltung.dsp.filterbank;

import io.faltung.optim.minimize.Minimize;
import io.faltung.optim.minimize.Objective;
import io.faltung.tensor.Scope;
import io.faltung.tensor.Tensor;
import java.util.function.Consumer;

/**
 * Designs a modulated PR filter bank by minimising the {@link DesignLoss} over the structure's free
 * coefficients with L-BFGS ({@link Minimize#lbfgs}); the gradient comes from autograd through the whole
 * polyphase chain. Every coefficient value is a perfect-reconstruction bank, so the optimisation is
 * unconstrained.
 *
 * <p>The design starts from the sine-window MDCT (all G/H coefficients 0) and runs the loss with each
 * stopband exponent p in turn, each from the previous optimum: a continuation from a least-squares-like
 * error towards the worst-case stopband level. With {@link DesignOptions#growth()} it first designs
 * with fewer G/H pairs and inserts one pair (coefficients 0, which only delays the filters) at a time;
 * smaller structures stop before the last exponent. FLOAT64 on the current backend.
 */
public final class FilterBankDesigner {
    private FilterBankDesigner() {
    }

    /** One accepted L-BFGS iterate: structure being optimised, exponent p, iterate index, loss in dB. */
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
        int[] iterates = {0};
        Consumer<Progress> counting = p -> {
            iterates[0]++;
            progress.accept(p);
        };
        while (!current.equals(target)) {
            x = insertPair(current, optimise(options, current, x, false, counting));
            current = new BankStructure(current.subbands(), current.zeroDelayStages() + 1,
                    current.maximumDelayStages() + 1);
        }
        x = optimise(options, target, x, true, counting);
        return new FilterBankDesign(target, x, options.stopbandEdge(), (System.nanoTime() - start) / 1e9, iterates[0]);
    }

    /** Runs the exponents on one structure from {@code x}: all on the target, all but the last on smaller ones. */
    private static double[] optimise(DesignOptions options, BankStructure structure, double[] x, boolean target,
            Consumer<Progress> progress) {
        double[] exponents = options.exponents();
        int count = target || exponents.length == 1 ? exponents.length : exponents.length - 1;
        int iterations = target ? options.iterations() : options.growthIterations();
        try (Scope scope = Scope.open();
             ModulatedFilterBank bank = new ModulatedFilterBank(structure, Tensor.of(x, structure.coefficientRows(),
                     structure.half()));
             DesignLoss loss = new DesignLoss(structure, options.stopbandEdge(),
                     options.pointsPerTap() * structure.length(), options.stopbandWeight(), options.passbandWeight(),
                     options.symmetryWeight())) {
            for (int e = 0; e < count; e++) {
                double p = exponents[e];
                x = Minimize.lbfgs(objective(bank, loss, p), x, iterations, options.gradientTolerance(),
                        it -> progress.accept(new Progress(structure, p, it.index(), it.value())));
            }
        }
        return x;
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
}
