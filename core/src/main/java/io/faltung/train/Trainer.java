package io.faltung.train;

import io.faltung.autograd.NoGrad;
import io.faltung.data.Batch;
import io.faltung.data.DataLoader;
import io.faltung.data.Dataset;
import io.faltung.loss.Loss;
import io.faltung.nn.Layer;
import io.faltung.optim.Optimizer;
import io.faltung.tensor.Scope;
import io.faltung.tensor.Tensor;
import java.util.List;

/**
 * The training loop behind {@code Sequential.fit}; works for any {@link Layer}.
 *
 * <p>Before the first step it checks the options and the data against the model (building it from
 * the data if needed) and runs the callbacks' {@link Callback#onTrainBegin}. Each step loads a batch,
 * runs forward, loss, backward and the optimiser inside its own {@link Scope}, so every intermediate
 * tensor is released when the step ends; parameters, their gradients and optimiser state live
 * outside any scope. After each epoch the validation data (if any) is evaluated.
 */
public final class Trainer {
    private Trainer() {
    }

    /** Trains {@code model} on {@code train} as {@code fit} says and returns the per-epoch figures. */
    public static History fit(Layer model, Dataset train, Fit fit) {
        FitChecks.beforeTraining(model, train, fit);
        History history = new History(fit.epochs());
        Training training = new Training(model, fit, history);
        List<Callback> callbacks = fit.callbacks();
        model.seedRandomness(fit.seed());
        DataLoader loader = new DataLoader(train, fit.batchSize(), fit.shuffle(), fit.seed());
        if (fit.startEpoch() >= fit.epochs() || fit.startStep() >= loader.batchCount()) {
            throw new IllegalArgumentException("cannot resume at epoch " + fit.startEpoch() + " step " + fit.startStep()
                    + ": training has " + fit.epochs() + " epochs of " + loader.batchCount() + " steps");
        }
        callbacks.forEach(c -> c.onTrainBegin(training));
        ProgressReporter progress = ProgressReporter.of(fit);
        try {
            for (int epoch = fit.startEpoch(); epoch < fit.epochs() && !training.stopRequested(); epoch++) {
                for (Callback c : callbacks) {
                    c.onEpochBegin(training, epoch);
                }
                EpochStats stats = epoch(model, loader, epoch, training, progress);
                history.add(stats);
                progress.epochEnd(stats);
                for (Callback c : callbacks) {
                    c.onEpochEnd(training, stats);
                }
            }
        } finally {
            progress.abort();
            if (training.stopRequested()) {
                history.stopped(training.stopReason());
                progress.stopped(training.stopReason());
            }
            callbacks.forEach(c -> c.onTrainEnd(training));
        }
        return history;
    }

    private static EpochStats epoch(Layer model, DataLoader loader, int epoch, Training training,
                                    ProgressReporter progress) {
        Fit fit = training.fit();
        Loss loss = fit.loss();
        List<Tensor> parameters = List.copyOf(model.parameters().values());
        Tally tally = new Tally(loss.accuracy());
        int steps = loader.batchCount();
        progress.epochBegin(epoch, steps);
        long start = System.nanoTime();
        for (int step = epoch == fit.startEpoch() ? fit.startStep() : 0; step < steps; step++) {
            double batchLoss;
            try (Scope scope = Scope.open()) {
                Batch batch = loader.batch(epoch, step);
                batchLoss = step(model, batch, loss, fit.optimizer(), parameters, tally);
            }
            progress.step(step, tally.meanLoss(), tally.accuracy());
            for (Callback c : fit.callbacks()) {
                c.onStepEnd(training, epoch, step, batchLoss);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Evaluation validation = fit.validation() == null ? null
                : Inference.evaluate(model, fit.validation(), loss, fit.batchSize());
        return new EpochStats(epoch, tally.meanLoss(), tally.accuracy(),
                validation == null ? Double.NaN : validation.loss(),
                validation == null ? Double.NaN : validation.accuracy(),
                seconds, tally.samples() / Math.max(seconds, 1e-9));
    }

    /** One optimisation step on {@code batch}; returns the batch loss. Call inside a scope. */
    private static double step(Layer model, Batch batch, Loss loss, Optimizer optimizer, List<Tensor> parameters,
                               Tally tally) {
        parameters.forEach(Tensor::zeroGrad);
        Tensor output = model.forward(batch.features(), true);
        Tensor value = loss.compute(output, batch.targets());
        value.backward();
        try (NoGrad ignored = NoGrad.enter()) {
            optimizer.step(parameters);
            return tally.add(value, output, batch.targets());
        }
    }
}
