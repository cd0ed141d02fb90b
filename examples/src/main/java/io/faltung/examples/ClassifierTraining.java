package io.faltung.examples;

import io.faltung.data.Dataset;
import io.faltung.loss.Loss;
import io.faltung.nn.Sequential;
import io.faltung.optim.Adam;
import io.faltung.optim.schedule.LearningRateSchedule;
import io.faltung.optim.schedule.LearningRateScheduler;
import io.faltung.train.Callback;
import io.faltung.train.EpochStats;
import io.faltung.train.Evaluation;
import io.faltung.train.Fit;
import io.faltung.train.History;
import io.faltung.train.Metric;
import io.faltung.train.Training;
import java.io.IOException;
import java.util.Arrays;

/**
 * What the image-classification examples share: train a built model with Adam, learning rate 1e-3
 * in the first epoch and multiplied by {@code decay} after each, in batches of 64 (the test set as
 * validation after every epoch), evaluate it on the test set, record the standard figures
 * ({@code test_accuracy}, {@code test_loss}, {@code epochs}, {@code batch_size},
 * {@code learning_rate}, {@code learning_rate_decay}, {@code parameters}, {@code train_samples_per_second},
 * {@code final_train_loss}, {@code final_train_accuracy}) and plot {@code <prefix>-loss} and
 * {@code <prefix>-accuracy} per epoch.
 */
final class ClassifierTraining {
    static final int BATCH = 64;
    static final double LEARNING_RATE = 1e-3;

    private ClassifierTraining() {
    }

    /** The training history and the final test evaluation. */
    record Result(History history, Evaluation test) {
    }

    /** Trains with a constant learning rate. */
    static Result run(Run run, String prefix, Sequential model, Dataset train, Dataset test, int epochs, Loss loss,
            Callback... callbacks) throws IOException {
        return run(run, prefix, model, train, test, epochs, loss, 1.0, callbacks);
    }

    /** Trains with the learning rate multiplied by {@code decay} after every epoch. */
    static Result run(Run run, String prefix, Sequential model, Dataset train, Dataset test, int epochs, Loss loss,
            double decay, Callback... callbacks) throws IOException {
        Adam adam = new Adam(LEARNING_RATE);
        LearningRateScheduler scheduler = LearningRateScheduler.perEpoch(adam,
                LearningRateSchedule.exponential(LEARNING_RATE, decay));
        Callback[] all = Arrays.copyOf(callbacks, callbacks.length + 1);
        all[callbacks.length] = new Callback() {
            @Override
            public void onEpochEnd(Training training, EpochStats stats) {
                scheduler.afterEpoch();
            }
        };
        History history = model.fit(train, Fit.epochs(epochs).batchSize(BATCH).loss(loss)
                .optimizer(adam).validation(test).seed(run.seed()).callbacks(all));
        Evaluation evaluation = model.evaluate(test);
        System.out.printf("test accuracy %.4f, test loss %.4f%n", evaluation.accuracy(), evaluation.loss());

        double seconds = 0;
        for (EpochStats e : history.epochs()) {
            seconds += e.seconds();
        }
        run.metrics().put("test_accuracy", evaluation.accuracy()).put("test_loss", evaluation.loss())
                .put("epochs", history.epochs().size()).put("batch_size", BATCH)
                .put("learning_rate", LEARNING_RATE).put("learning_rate_decay", decay).put("parameters", model.parameterCount())
                .put("train_samples_per_second", (double) train.size() * history.epochs().size() / seconds)
                .put("final_train_loss", history.last().loss())
                .put("final_train_accuracy", history.last().accuracy());

        run.plot(prefix + "-loss", "Loss (" + loss.name() + ")", "epoch", "loss")
                .series("training (mean over the epoch)", history.values(Metric.LOSS))
                .series("test (after the epoch)", history.values(Metric.VAL_LOSS)).save();
        run.plot(prefix + "-accuracy", "Accuracy", "epoch", "accuracy")
                .series("training (mean over the epoch)", history.values(Metric.ACCURACY))
                .series("test (after the epoch)", history.values(Metric.VAL_ACCURACY)).save();
        return new Result(history, evaluation);
    }
}
