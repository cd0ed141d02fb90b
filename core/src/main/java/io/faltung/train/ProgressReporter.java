package io.faltung.train;

import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Shows training progress as {@link Fit#progress()} asks: a bar per epoch, one line per epoch, or nothing. */
final class ProgressReporter {
    private final Progress mode;
    private final PrintStream out;
    private final int epochs;
    private ProgressBar bar;

    private ProgressReporter(Progress mode, PrintStream out, int epochs) {
        this.mode = mode;
        this.out = out;
        this.epochs = epochs;
    }

    /** The reporter for {@code fit}: {@link Progress#AUTO} becomes a bar on a terminal, lines otherwise. */
    static ProgressReporter of(Fit fit) {
        Progress mode = fit.progress();
        if (mode == Progress.AUTO) {
            mode = System.console() != null ? Progress.BAR : Progress.LINES;
        }
        return new ProgressReporter(mode, fit.output(), fit.epochs());
    }

    void epochBegin(int epoch, int steps) {
        if (mode == Progress.BAR) {
            bar = new ProgressBarBuilder()
                    .setTaskName(String.format(Locale.ROOT, "epoch %d/%d", epoch + 1, epochs))
                    .setInitialMax(steps)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(200)
                    .setConsumer(new ConsoleProgressBarConsumer(out, 120))
                    .build();
        }
    }

    void step(int step, double meanLoss, double accuracy) {
        if (bar != null) {
            bar.stepTo(step + 1L);
            bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f", meanLoss)
                    + (Double.isNaN(accuracy) ? "" : String.format(Locale.ROOT, " acc %.4f", accuracy)));
        }
    }

    void epochEnd(EpochStats stats) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        if (mode != Progress.NONE) {
            out.println(stats.line(epochs));
        }
    }

    void stopped(String reason) {
        if (mode != Progress.NONE) {
            out.println(reason);
        }
    }

    /** Closes a bar left open by an exception. */
    void abort() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
