package io.faltung.train;

import io.faltung.data.Dataset;
import io.faltung.loss.Loss;
import io.faltung.optim.Optimizer;
import java.io.PrintStream;
import java.util.List;
import java.util.Objects;

/**
 * Training options, immutable; each setter returns a changed copy:
 *
 * <pre>{@code
 * Fit.epochs(3).batchSize(64).loss(Loss.softmaxCrossEntropy()).optimizer(new Adam(1e-3))
 *    .validation(test).seed(42).callbacks(EarlyStopping.monitor(Metric.VAL_LOSS).patience(2))
 * }</pre>
 *
 * <p>Loss and optimiser are required. Defaults: batch size 32, seed 0, shuffling on, progress
 * {@link Progress#AUTO} on {@code System.out}, no validation, no callbacks.
 */
public final class Fit implements Cloneable {
    /** The batch size when none is given. */
    public static final int DEFAULT_BATCH_SIZE = 32;

    private int epochs;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private Loss loss;
    private Optimizer optimizer;
    private Dataset validation;
    private long seed;
    private List<Callback> callbacks = List.of();
    private boolean shuffle = true;
    private Progress progress = Progress.AUTO;
    private PrintStream out = System.out;
    private int startEpoch;
    private int startStep;

    private Fit() {
    }

    /** Options for {@code n} passes over the training data. */
    public static Fit epochs(int n) {
        Fit f = new Fit();
        f.epochs = checkPositive("epochs", n);
        return f;
    }

    /** With {@code n} samples per step (the last batch of an epoch may be smaller). */
    public Fit batchSize(int n) {
        Fit f = copy();
        f.batchSize = checkPositive("batch size", n);
        return f;
    }

    /** With the objective to minimise. */
    public Fit loss(Loss value) {
        Fit f = copy();
        f.loss = Objects.requireNonNull(value, "loss");
        return f;
    }

    /** With the parameter update rule. */
    public Fit optimizer(Optimizer value) {
        Fit f = copy();
        f.optimizer = Objects.requireNonNull(value, "optimizer");
        return f;
    }

    /** Evaluating on {@code data} after every epoch. */
    public Fit validation(Dataset data) {
        Fit f = copy();
        f.validation = Objects.requireNonNull(data, "validation data");
        return f;
    }

    /** With the seed of shuffling and of training randomness (dropout); also initialises an unbuilt model. */
    public Fit seed(long value) {
        Fit f = copy();
        f.seed = value;
        return f;
    }

    /** With these callbacks, called in order. */
    public Fit callbacks(Callback... values) {
        Fit f = copy();
        f.callbacks = List.of(values);
        return f;
    }

    /** Shuffling the training data each epoch (default) or not. */
    public Fit shuffle(boolean value) {
        Fit f = copy();
        f.shuffle = value;
        return f;
    }

    /** Progress bar when possible ({@code true}, default) or one plain line per epoch ({@code false}). */
    public Fit verbose(boolean value) {
        return progress(value ? Progress.AUTO : Progress.LINES);
    }

    /** With this progress reporting. */
    public Fit progress(Progress value) {
        Fit f = copy();
        f.progress = Objects.requireNonNull(value, "progress");
        return f;
    }

    /** Reporting progress to {@code stream} instead of {@code System.out}. */
    public Fit output(PrintStream stream) {
        Fit f = copy();
        f.out = Objects.requireNonNull(stream, "output");
        return f;
    }

    /**
     * Starting at step {@code step} of epoch {@code epoch} (both from 0) instead of the beginning,
     * to resume from a checkpoint: the data order is a function of (seed, epoch), so the batches
     * are the ones an uninterrupted run would see. Restore the model, optimiser and random streams
     * (e.g. in {@link Callback#onTrainBegin}) before the first step.
     */
    public Fit resumeAt(int epoch, int step) {
        if (epoch < 0 || step < 0) {
            throw new IllegalArgumentException("resume position must be >= 0, not epoch " + epoch + " step " + step);
        }
        Fit f = copy();
        f.startEpoch = epoch;
        f.startStep = step;
        return f;
    }

    /** The epoch training starts in (0 unless resuming). */
    public int startEpoch() {
        return startEpoch;
    }

    /** The step of {@link #startEpoch()} training starts at (0 unless resuming). */
    public int startStep() {
        return startStep;
    }

    /** Number of epochs. */
    public int epochs() {
        return epochs;
    }

    /** Samples per step. */
    public int batchSize() {
        return batchSize;
    }

    /** The loss, or {@code null} if not set. */
    public Loss loss() {
        return loss;
    }

    /** The optimiser, or {@code null} if not set. */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** The validation data, or {@code null}. */
    public Dataset validation() {
        return validation;
    }

    /** The seed. */
    public long seed() {
        return seed;
    }

    /** The callbacks. */
    public List<Callback> callbacks() {
        return callbacks;
    }

    /** Whether each epoch is shuffled. */
    public boolean shuffle() {
        return shuffle;
    }

    /** The progress reporting. */
    public Progress progress() {
        return progress;
    }

    /** Where progress goes. */
    public PrintStream output() {
        return out;
    }

    private Fit copy() {
        try {
            return (Fit) clone();
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }

    private static int checkPositive(String what, int n) {
        if (n <= 0) {
            throw new IllegalArgumentException(what + " must be positive, not " + n);
        }
        return n;
    }
}
