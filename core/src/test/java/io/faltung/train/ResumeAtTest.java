package io.faltung.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faltung.loss.Loss;
import io.faltung.nn.Dense;
import io.faltung.nn.Dropout;
import io.faltung.nn.Sequential;
import io.faltung.tensor.RandomStream;
import io.faltung.tensor.Shape;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The resume hook: training starts at the given (epoch, step), after the model is seeded. */
class ResumeAtTest {
    private static Fit fit(int epochs) {
        return Fit.epochs(epochs).batchSize(4).loss(Loss.softmaxCrossEntropy()).optimizer(new TestSgd(0.1))
                .progress(Progress.NONE).seed(3);
    }

    @Test
    void startsAtTheGivenStepAndRunsTheRest() {
        List<String> seen = new ArrayList<>();
        Callback record = new Callback() {
            @Override
            public void onStepEnd(Training training, int epoch, int step, double loss) {
                seen.add(epoch + ":" + step);
            }
        };
        try (Sequential model = new Sequential(new Dense(3))) {
            History h = model.fit(Datasets.threeBlobs(12, 1), fit(3).resumeAt(1, 2).callbacks(record));
            assertEquals(List.of("1:2", "2:0", "2:1", "2:2"), seen);
            assertEquals(2, h.epochs().size());
            assertEquals(1, h.epochs().get(0).epoch());
        }
    }

    @Test
    void randomStreamsAreSeededBeforeTrainBeginSoTheyCanBeRestoredThere() {
        long[] positionAtBegin = new long[1];
        Callback restore = new Callback() {
            @Override
            public void onTrainBegin(Training training) {
                RandomStream masks = training.model().randomStreams().get("dropout_1.masks");
                positionAtBegin[0] = masks.position();
                masks.seek(1000);
            }
        };
        try (Sequential model = new Sequential(new Dense(4), new Dropout(0.5), new Dense(3))) {
            model.build(Shape.of(2));
            model.randomStreams().get("dropout_1.masks").seek(77);
            model.fit(Datasets.threeBlobs(12, 1), fit(1).callbacks(restore));
            assertEquals(0, positionAtBegin[0], "seedRandomness ran before onTrainBegin");
            assertEquals(1000 + 3 * 4 * 4, model.randomStreams().get("dropout_1.masks").position(),
                    "3 steps of 4x4 masks drawn after the restored position");
        }
    }

    @Test
    void rejectsAPositionOutsideTheRun() {
        try (Sequential model = new Sequential(new Dense(3))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> model.fit(Datasets.threeBlobs(12, 1), fit(2).resumeAt(0, 3)));
            assertTrue(e.getMessage().contains("2 epochs of 3 steps"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> fit(2).resumeAt(-1, 0));
        }
    }
}
