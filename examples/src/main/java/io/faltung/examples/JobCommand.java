package io.faltung.examples;

import io.faltung.io.checkpoint.TrainingInterruptedException;
import io.faltung.io.job.JobResult;
import io.faltung.io.job.JobRunner;
import io.faltung.io.job.JobSpec;
import io.faltung.runtime.Backends;
import io.faltung.spi.Backend;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code java -jar faltung-examples.jar train JOB.json [--out DIR]} trains the job described in a
 * JSON job file ({@link JobSpec}), and {@code train --resume DIR} continues a stopped run bit for
 * bit. Output in DIR: {@code job.json}, {@code metrics.jsonl} (per step and per epoch),
 * {@code checkpoints/}, {@code model.safetensors} (PyTorch names), {@code metrics.json} and PNG
 * plots. SIGTERM or SIGINT (Ctrl-C) writes a checkpoint at the next step, then the process exits
 * with one line saying where it is and how to resume.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Trains the model of a JSON job file; writes metrics, checkpoints, weights and plots into DIR.")
final class JobCommand implements Callable<Integer> {
    /** Exit code when training was stopped by a request other than a signal. */
    static final int STOPPED = 3;

    @Parameters(index = "0", arity = "0..1", paramLabel = "JOB.json", description = "the job file (optional with --resume)")
    private Path jobFile;

    @Option(names = "--out", paramLabel = "DIR", description = "output directory (default: out/<job name>)")
    private Path out;

    @Option(names = "--resume", paramLabel = "DIR", description = "continue the run in DIR from its newest checkpoint")
    private Path resume;

    @Option(names = "--backend", paramLabel = "auto|cpu|cuda", description = "overrides the job's backend")
    private String backend;

    @Override
    public Integer call() throws Exception {
        if (jobFile == null && resume == null) {
            System.err.println("error: give a job file, or --resume DIR to continue a run");
            return 2;
        }
        if (resume != null && out != null && !resume.equals(out)) {
            System.err.println("error: --resume DIR is also the output directory; drop --out");
            return 2;
        }
        JobSpec job;
        try {
            job = JobSpec.read(jobFile != null ? jobFile : resume.resolve(JobRunner.JOB_FILE));
        } catch (IOException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        Path dir = resume != null ? resume : out != null ? out : Path.of("out", job.name());
        String policy = backend != null ? backend : job.backend().equals("auto") ? null : job.backend();
        Backend selected;
        try {
            selected = EarlyBackend.select(policy);
        } catch (IllegalStateException | IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        try (Backend b = selected) {
            Backends.use(b);
            return train(job, dir, b);
        }
    }

    private int train(JobSpec job, Path dir, Backend b) throws IOException {
        JobRunner runner = new JobRunner(job, dir);
        JobResult result;
        try (SignalStop signals = SignalStop.install(runner)) {
            try {
                result = resume != null ? runner.resume() : runner.run();
            } catch (TrainingInterruptedException e) {
                System.out.println("stopped: " + e.getMessage() + ". Resume with: java -jar faltung-examples.jar train"
                        + " --resume " + dir);
                System.out.flush();
                signals.stopped();
                return STOPPED;
            } catch (IllegalStateException e) {
                System.err.println("error: " + e.getMessage());
                return 2;
            }
        }
        writeSummary(job, dir, b, result);
        return 0;
    }

    private static void writeSummary(JobSpec job, Path dir, Backend b, JobResult result) throws IOException {
        Run run = new Run(dir, job.seed(), job.epochs());
        double[] epochLoss = result.lines("epoch", "loss");
        double[] valLoss = result.lines("epoch", "val_loss");
        double[] valAccuracy = result.lines("epoch", "val_accuracy");
        run.metrics().put("job", job.name()).put("backend", b.description()).put("seed", job.seed())
                .put("epochs", job.epochs()).put("steps", result.globalStep())
                .put("final_train_loss", epochLoss[epochLoss.length - 1])
                .put("final_val_loss", valLoss[valLoss.length - 1])
                .put("final_val_accuracy", valAccuracy[valAccuracy.length - 1]);
        run.plot("train-step-loss", "Training loss per step", "step", "loss")
                .series("batch loss", result.stepLosses()).save();
        Plot epochs = run.plot("train-epoch-loss", "Loss per epoch", "epoch", "loss")
                .series("training (mean over the epoch)", epochLoss);
        if (!Double.isNaN(valLoss[valLoss.length - 1])) {
            epochs.series("validation (after the epoch)", valLoss);
            run.plot("train-accuracy", "Validation accuracy", "epoch", "accuracy")
                    .series("validation (after the epoch)", valAccuracy).save();
        }
        epochs.save();
        Path metrics = dir.resolve("metrics.json");
        run.metrics().write(metrics);
        System.out.println("wrote " + dir.resolve(JobRunner.METRICS_FILE) + ", " + metrics + ", "
                + dir.resolve(JobRunner.WEIGHTS_FILE) + " and plots; checkpoints in " + dir.resolve(JobRunner.CHECKPOINTS));
    }
}
