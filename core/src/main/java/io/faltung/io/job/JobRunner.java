package io.faltung.io.job;

import com.google.gson.JsonObject;
import io.faltung.data.DataLoader;
import io.faltung.io.AtomicFiles;
import io.faltung.io.InvalidFormatException;
import io.faltung.io.checkpoint.Checkpoint;
import io.faltung.io.checkpoint.CheckpointStore;
import io.faltung.io.checkpoint.Checkpointing;
import io.faltung.io.checkpoint.TrainingInterruptedException;
import io.faltung.io.weights.TorchNames;
import io.faltung.io.weights.Weights;
import io.faltung.nn.Sequential;
import io.faltung.optim.Optimizer;
import io.faltung.optim.schedule.LearningRateScheduler;
import io.faltung.tensor.RandomStream;
import io.faltung.train.Callback;
import io.faltung.train.EpochStats;
import io.faltung.train.Fit;
import io.faltung.train.History;
import io.faltung.train.Progress;
import io.faltung.train.Training;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a {@link JobSpec} into an output directory:
 * <ul>
 *   <li>{@code job.json}: the job, as run;</li>
 *   <li>{@code metrics.jsonl}: per-step and per-epoch metrics ({@link MetricsLog});</li>
 *   <li>{@code checkpoints/step-…/}: checkpoints every N steps and at each epoch end, the last K
 *       kept ({@link CheckpointStore}, {@link Checkpoint});</li>
 *   <li>{@code model.safetensors}: the final weights under PyTorch's names ({@link TorchNames}).</li>
 * </ul>
 * {@link #resume} continues from the newest loadable checkpoint, bit for bit as if training had
 * never stopped (same backend). {@link #requestStop} (e.g. from a signal handler) makes the run
 * checkpoint at the next step boundary and end with a {@link TrainingInterruptedException}.
 */
public final class JobRunner {
    /** The job copy in an output directory. */
    public static final String JOB_FILE = "job.json";
    /** The metrics file in an output directory. */
    public static final String METRICS_FILE = "metrics.jsonl";
    /** The checkpoint folder in an output directory. */
    public static final String CHECKPOINTS = "checkpoints";
    /** The final weights in an output directory. */
    public static final String WEIGHTS_FILE = "model.safetensors";

    private final JobSpec job;
    private final Path out;
    private Progress progress = Progress.AUTO;
    private PrintStream console = System.out;
    private volatile String stopReason;
    private volatile Checkpointing checkpointing;

    /** A run of {@code job} writing into {@code out}. */
    public JobRunner(JobSpec job, Path out) {
        this.job = job;
        this.out = out;
    }

    /** Progress reporting (default: a bar on a terminal, plain lines otherwise); returns {@code this}. */
    public JobRunner progress(Progress mode, PrintStream stream) {
        this.progress = mode;
        this.console = stream;
        return this;
    }

    /** Asks the run to checkpoint and stop at the next step boundary; safe from any thread, at any time. */
    public void requestStop(String reason) {
        stopReason = reason;
        Checkpointing c = checkpointing;
        if (c != null) {
            c.requestStop(reason);
        }
    }

    /** Trains from the start; the output directory must not hold a previous run. */
    public JobResult run() throws IOException {
        if (Files.exists(out.resolve(JOB_FILE)) || Files.exists(out.resolve(CHECKPOINTS))) {
            throw new IllegalStateException(out + " already holds a run; resume it with --resume " + out
                    + " or choose another output directory");
        }
        Files.createDirectories(out);
        AtomicFiles.write(out.resolve(JOB_FILE), job.toJson().getBytes(StandardCharsets.UTF_8));
        return train(null);
    }

    /** Continues the run in the output directory from its newest loadable checkpoint. */
    public JobResult resume() throws IOException {
        Path saved = out.resolve(JOB_FILE);
        if (Files.isRegularFile(saved) && !JobSpec.read(saved).json().equals(job.json())) {
            throw new IllegalStateException("the job differs from the one this run was started with (" + saved
                    + "); resume with that job, e.g. by giving only --resume " + out);
        }
        Path dir = out.resolve(CHECKPOINTS);
        List<Path> all = Files.isDirectory(dir) ? CheckpointStore.list(dir) : List.of();
        if (all.isEmpty()) {
            throw new IllegalStateException(out + " has no checkpoint to resume from (looked in " + dir + ")");
        }
        for (int i = all.size() - 1; i >= 0; i--) {
            try {
                return train(Checkpoint.read(all.get(i)));
            } catch (InvalidFormatException e) {
                if (i == 0) {
                    throw e;
                }
                console.println("warning: skipping checkpoint " + all.get(i) + ": " + e.getMessage());
            }
        }
        throw new AssertionError("unreachable");
    }

    private JobResult train(Checkpoint resume) throws IOException {
        DataSpecs.Split data = job.loadData();
        DataLoader loader = new DataLoader(data.train(), job.batchSize(), true, job.seed());
        int steps = loader.batchCount();
        Optimizer optimizer = job.newOptimizer();
        LearningRateScheduler scheduler = job.newScheduler(optimizer);
        Path metricsFile = out.resolve(METRICS_FILE);
        if (resume != null) {
            MetricsLog.truncate(metricsFile, resume.state().globalStep(), resume.state().nextEpoch());
        }
        Fit fit = Fit.epochs(job.epochs()).batchSize(job.batchSize()).loss(job.newLoss()).optimizer(optimizer)
                .seed(job.seed()).progress(progress).output(console);
        if (data.validation() != null) {
            fit = fit.validation(data.validation());
        }
        try (Sequential model = job.newModel(); MetricsLog metrics = new MetricsLog(metricsFile, data.train().size(),
                job.batchSize())) {
            model.build(data.train().featureShape(), new RandomStream(job.seed()));
            Checkpointing saving = new Checkpointing(new CheckpointStore(out.resolve(CHECKPOINTS), job.keepLast()),
                    job.checkpointEvery(), steps).scheduler(scheduler).extra(() -> extra(metrics));
            if (resume != null) {
                if (resume.state().nextEpoch() >= job.epochs()) {
                    throw new IllegalStateException(out + " is complete: its last checkpoint is after epoch "
                            + resume.state().nextEpoch() + " of " + job.epochs());
                }
                saving.resumeFrom(resume);
                metrics.resume(resume.state().globalStep(), resume.state().extra().getAsJsonObject("metrics")
                        .get("epoch_loss_sum").getAsDouble(), resume.state().nextStep() > 0);
                fit = fit.resumeAt(resume.state().nextEpoch(), resume.state().nextStep());
                console.println("resuming " + job.name() + " from " + resume.directory() + " (epoch "
                        + (resume.state().nextEpoch() + 1) + ", step " + resume.state().nextStep() + ")");
            }
            checkpointing = saving;
            if (stopReason != null) {
                saving.requestStop(stopReason);
            }
            List<Callback> callbacks = new ArrayList<>();
            if (job.guardNonFinite()) {
                callbacks.add(new NonFiniteGuard());
            }
            if (scheduler != null) {
                callbacks.add(scheduling(scheduler));
            }
            callbacks.add(metrics);
            callbacks.add(saving);
            History history = model.fit(data.train(), fit.callbacks(callbacks.toArray(Callback[]::new)));
            Weights.save(model, out.resolve(WEIGHTS_FILE), TorchNames.of(model), Map.of("format", "pt",
                    "model", model.toString()));
            return new JobResult(out, history, saving.globalStep(), MetricsLog.read(metricsFile));
        } finally {
            checkpointing = null;
        }
    }

    private static JsonObject extra(MetricsLog metrics) {
        JsonObject o = new JsonObject();
        o.add("metrics", metrics.state());
        return o;
    }

    private static Callback scheduling(LearningRateScheduler scheduler) {
        return new Callback() {
            @Override
            public void onStepEnd(Training training, int epoch, int step, double loss) {
                scheduler.afterStep();
            }

            @Override
            public void onEpochEnd(Training training, EpochStats stats) {
                scheduler.afterEpoch();
            }
        };
    }
}
