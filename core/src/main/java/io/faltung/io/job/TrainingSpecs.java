package io.faltung.io.job;

import io.faltung.io.InvalidFormatException;
import io.faltung.io.JsonFields;
import io.faltung.loss.Loss;
import io.faltung.optim.Adagrad;
import io.faltung.optim.Adam;
import io.faltung.optim.AdamW;
import io.faltung.optim.Momentum;
import io.faltung.optim.Optimizer;
import io.faltung.optim.RMSprop;
import io.faltung.optim.SGD;
import io.faltung.optim.schedule.LearningRateSchedule;
import io.faltung.optim.schedule.LearningRateScheduler;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The {@code "loss"}, {@code "optimizer"} and {@code "schedule"} sections of a job file.
 * <ul>
 *   <li>loss: {@code mse, mae, binary_cross_entropy, binary_cross_entropy_logits,
 *       categorical_cross_entropy, softmax_cross_entropy}</li>
 *   <li>optimizer: {@code {"name": "adam", "learning_rate": 0.001}} with name {@code sgd, momentum,
 *       adagrad, rmsprop, adam, adamw}; {@code momentum} takes {@code "momentum"} (0.9),
 *       {@code adamw} takes {@code "weight_decay"} (0.01)</li>
 *   <li>schedule (optional): {@code {"name": "cosine", "length": 1000, "minimum": 0, "warmup": 0,
 *       "interval": "step"}}; names {@code constant, step_decay} ({@code every}, {@code factor}),
 *       {@code exponential} ({@code factor}), {@code cosine} ({@code length}, {@code minimum} as a fraction of the initial rate);
 *       interval {@code step} or {@code epoch}. The schedule starts from the optimiser's rate.</li>
 * </ul>
 */
final class TrainingSpecs {
    private static final Map<String, Supplier<Loss>> LOSSES = Map.of(
            "mse", Loss::meanSquaredError, "mae", Loss::meanAbsoluteError,
            "binary_cross_entropy", Loss::binaryCrossEntropy,
            "binary_cross_entropy_logits", Loss::binaryCrossEntropyFromLogits,
            "categorical_cross_entropy", Loss::categoricalCrossEntropy,
            "softmax_cross_entropy", Loss::softmaxCrossEntropy);

    private TrainingSpecs() {
    }

    static Supplier<Loss> loss(JsonFields job) throws InvalidFormatException {
        String name = job.string("loss");
        Supplier<Loss> loss = LOSSES.get(name);
        if (loss == null) {
            throw job.error("loss", "\"" + name + "\" is not one of " + new TreeSet<>(LOSSES.keySet()));
        }
        return loss;
    }

    /** The optimiser factory, and its learning rate through {@code rate}. */
    static Supplier<Optimizer> optimizer(JsonFields f) throws InvalidFormatException {
        String name = f.string("name");
        double lr = f.number("learning_rate");
        if (!(lr > 0)) {
            throw f.error("learning_rate", "must be positive, not " + lr);
        }
        switch (name) {
            case "momentum" -> {
                f.onlyFields(Set.of("name", "learning_rate", "momentum"));
                double momentum = fraction(f, "momentum", 0.9);
                return () -> new Momentum(lr, momentum, false);
            }
            case "adamw" -> {
                f.onlyFields(Set.of("name", "learning_rate", "weight_decay"));
                double decay = fraction(f, "weight_decay", 0.01);
                return () -> new AdamW(lr, decay);
            }
            default -> {
                Map<String, Function<Double, Optimizer>> plain = Map.of("sgd", SGD::new, "adagrad", Adagrad::new,
                        "rmsprop", RMSprop::new, "adam", Adam::new);
                Function<Double, Optimizer> make = plain.get(name);
                if (make == null) {
                    throw f.error("name", "\"" + name + "\" is not one of [adagrad, adam, adamw, momentum, rmsprop, sgd]");
                }
                f.onlyFields(Set.of("name", "learning_rate"));
                return () -> make.apply(lr);
            }
        }
    }

    /** A scheduler factory for an optimiser whose initial rate is {@code initial}; {@code null} without schedule. */
    static Function<Optimizer, LearningRateScheduler> schedule(JsonFields f, double initial)
            throws InvalidFormatException {
        f.onlyFields(Set.of("name", "interval", "warmup", "length", "minimum", "every", "factor"));
        String name = f.string("name");
        LearningRateSchedule s;
        try {
            s = build(f, name, initial).withWarmup(f.integer("warmup", 0, 1_000_000_000L, 0));
        } catch (IllegalArgumentException e) {
            throw f.error("name", "\"" + name + "\" cannot be built: " + e.getMessage());
        }
        LearningRateSchedule schedule = s;
        String interval = f.string("interval", "step");
        if (!interval.equals("step") && !interval.equals("epoch")) {
            throw f.error("interval", "must be \"step\" or \"epoch\", not \"" + interval + "\"");
        }
        return interval.equals("step") ? o -> LearningRateScheduler.perStep(o, schedule)
                : o -> LearningRateScheduler.perEpoch(o, schedule);
    }

    private static LearningRateSchedule build(JsonFields f, String name, double initial) throws InvalidFormatException {
        return switch (name) {
            case "constant" -> LearningRateSchedule.constant(initial);
            case "step_decay" -> LearningRateSchedule.stepDecay(initial, f.integer("every", 1, Long.MAX_VALUE),
                    fraction(f, "factor", 0.1));
            case "exponential" -> LearningRateSchedule.exponential(initial, fraction(f, "factor", 0.9));
            case "cosine" -> LearningRateSchedule.cosine(initial, f.integer("length", 1, Long.MAX_VALUE),
                    fraction(f, "minimum", 0) * initial);
            default -> throw f.error("name", "\"" + name + "\" is not one of [constant, cosine, exponential, step_decay]");
        };
    }

    private static double fraction(JsonFields f, String name, double fallback) throws InvalidFormatException {
        double v = f.number(name, fallback);
        if (!(v >= 0 && v <= 1)) {
            throw f.error(name, "must be in [0, 1], not " + v);
        }
        return v;
    }
}
