package io.faltung.optim.schedule;

/**
 * A learning rate as a function of time: {@code at(t)} is the rate to use after {@code t}
 * completed steps or epochs (which of the two is decided by the {@link LearningRateScheduler}
 * that applies it). Closed forms, like PyTorch's {@code lr_scheduler} classes:
 * <ul>
 *   <li>{@link #constant}: {@code γ₀};</li>
 *   <li>{@link #stepDecay} ({@code StepLR}): {@code γ₀·factor^⌊t / every⌋};</li>
 *   <li>{@link #exponential} ({@code ExponentialLR}): {@code γ₀·factorᵗ};</li>
 *   <li>{@link #cosine} ({@code CosineAnnealingLR}, one half period, then flat):
 *       {@code γmin + (γ₀ − γmin)·(1 + cos(π·min(t, T)/T))/2};</li>
 *   <li>{@link #withWarmup} (linear warm-up in front of any schedule): for {@code t < W},
 *       {@code at(0)·(t + 1)/W} — so the first step already uses {@code at(0)/W}, never 0 — and
 *       afterwards the wrapped schedule shifted by W, {@code at(t − W)}.</li>
 * </ul>
 */
@FunctionalInterface
public interface LearningRateSchedule {
    /** The learning rate after {@code t ≥ 0} completed steps or epochs. */
    double at(long t);

    /** Always {@code rate}. */
    static LearningRateSchedule constant(double rate) {
        return new Constant(check("rate", rate));
    }

    /** {@code initial·factor^⌊t / every⌋}. */
    static LearningRateSchedule stepDecay(double initial, long every, double factor) {
        if (every < 1) {
            throw new IllegalArgumentException("step decay: interval must be ≥ 1, got " + every);
        }
        return new StepDecay(check("initial rate", initial), every, check("factor", factor));
    }

    /** {@code initial·factorᵗ}. */
    static LearningRateSchedule exponential(double initial, double factor) {
        return new Exponential(check("initial rate", initial), check("factor", factor));
    }

    /** Cosine from {@code initial} at t = 0 down to 0 at t = {@code length}, then 0. */
    static LearningRateSchedule cosine(double initial, long length) {
        return cosine(initial, length, 0);
    }

    /** Cosine from {@code initial} at t = 0 down to {@code minimum} at t = {@code length}, then flat. */
    static LearningRateSchedule cosine(double initial, long length, double minimum) {
        if (length < 1) {
            throw new IllegalArgumentException("cosine schedule: length must be ≥ 1, got " + length);
        }
        return new Cosine(check("initial rate", initial), length, check("minimum rate", minimum));
    }

    /** This schedule behind a linear warm-up of {@code steps} steps (0 = none); see the class comment. */
    default LearningRateSchedule withWarmup(long steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("warm-up length must be ≥ 0, got " + steps);
        }
        return steps == 0 ? this : new Warmup(steps, this);
    }

    private static double check(String what, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("learning-rate schedule: " + what + " must be a finite number ≥ 0, got "
                    + value);
        }
        return value;
    }

    private static long checkTime(long t) {
        if (t < 0) {
            throw new IllegalArgumentException("learning-rate schedule evaluated at negative time " + t);
        }
        return t;
    }

    /** A fixed rate. */
    record Constant(double rate) implements LearningRateSchedule {
        @Override
        public double at(long t) {
            checkTime(t);
            return rate;
        }
    }

    /** {@code initial·factor^⌊t / every⌋}. */
    record StepDecay(double initial, long every, double factor) implements LearningRateSchedule {
        @Override
        public double at(long t) {
            return initial * Math.pow(factor, checkTime(t) / every);
        }
    }

    /** {@code initial·factorᵗ}. */
    record Exponential(double initial, double factor) implements LearningRateSchedule {
        @Override
        public double at(long t) {
            return initial * Math.pow(factor, checkTime(t));
        }
    }

    /** {@code minimum + (initial − minimum)·(1 + cos(π·min(t, length)/length))/2}. */
    record Cosine(double initial, long length, double minimum) implements LearningRateSchedule {
        @Override
        public double at(long t) {
            double progress = (double) Math.min(checkTime(t), length) / length;
            return minimum + (initial - minimum) * (1 + Math.cos(Math.PI * progress)) / 2;
        }
    }

    /** Linear warm-up over {@code steps} steps towards {@code after.at(0)}, then {@code after} shifted. */
    record Warmup(long steps, LearningRateSchedule after) implements LearningRateSchedule {
        @Override
        public double at(long t) {
            return checkTime(t) < steps ? after.at(0) * (t + 1) / steps : after.at(t - steps);
        }
    }
}
