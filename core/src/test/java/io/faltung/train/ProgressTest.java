package io.faltung.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faltung.loss.Loss;
import io.faltung.nn.Dense;
import io.faltung.nn.Sequential;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressTest {

    private static String run(Progress progress, int epochs) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        new Sequential(new Dense(3)).fit(Datasets.threeBlobs(12, 1), Fit.epochs(epochs).batchSize(4)
                .loss(Loss.softmaxCrossEntropy()).optimizer(new TestSgd(0.1)).validation(Datasets.threeBlobs(6, 2))
                .progress(progress).output(out));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void linesModePrintsOnePlainLinePerEpoch() {
        String[] lines = run(Progress.LINES, 2).split("\n");
        assertEquals(2, lines.length);
        assertTrue(lines[0].matches("epoch 1/2 · loss \\d\\.\\d{4} · accuracy \\d\\.\\d{4} · val_loss \\d\\.\\d{4}"
                + " · val_accuracy \\d\\.\\d{4} · \\d+\\.\\d s · [\\d,]+ samples/s"), lines[0]);
        assertTrue(lines[1].startsWith("epoch 2/2 · loss "), lines[1]);
    }

    @Test
    void barModeDrawsABarWithLossAndAccuracyThenTheEpochLine() {
        String out = run(Progress.BAR, 1);
        assertTrue(out.contains("epoch 1/1") && out.contains("100%") && out.contains("3/3"), out);
        assertTrue(out.matches("(?s).*loss \\d\\.\\d{4} acc \\d\\.\\d{4}.*"), out);
        assertTrue(out.trim().endsWith("samples/s"), out);
    }

    @Test
    void noneModePrintsNothingAndAutoFallsBackToLinesWithoutAConsole() {
        assertEquals("", run(Progress.NONE, 1));
        if (System.console() == null) {
            assertEquals(1, run(Progress.AUTO, 1).split("\n").length);
        }
    }
}
