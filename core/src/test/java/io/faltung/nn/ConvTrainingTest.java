package io.faltung.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faltung.data.ArrayDataset;
import io.faltung.loss.Loss;
import io.faltung.optim.Adam;
import io.faltung.tensor.RandomStream;
import io.faltung.tensor.Shape;
import io.faltung.train.Fit;
import io.faltung.train.History;
import io.faltung.train.Progress;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A small CNN with batch normalisation trains end to end through {@code fit} and evaluates in inference mode. */
class ConvTrainingTest {

    /** 6×6 images holding one vertical (class 0) or horizontal (class 1) bar at a random place, plus noise. */
    private static ArrayDataset bars(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n * 36];
        float[] y = new float[n * 2];
        for (int i = 0; i < n; i++) {
            int cls = i % 2;
            int at = r.nextInt(6);
            for (int p = 0; p < 36; p++) {
                boolean on = cls == 0 ? p % 6 == at : p / 6 == at;
                x[i * 36 + p] = (on ? 1 : 0) + (float) r.nextDouble(-0.2, 0.2);
            }
            y[i * 2 + cls] = 1;
        }
        return new ArrayDataset(x, Shape.of(1, 6, 6), y, Shape.of(2));
    }

    @Test
    void learnsBarOrientationWithConvolutionBatchNormAndPooling() {
        try (Sequential model = new Sequential(new Conv2D(4, 3).activation(Activation.RELU), new BatchNormalization(),
                new MaxPool2D(2), new Flatten(), new Dense(2))) {
            model.build(Shape.of(1, 6, 6), new RandomStream(1));
            float[] before = model.buffers().get("batch_normalization_1.running_mean").toFloatArray();
            History h = model.fit(bars(48, 2), Fit.epochs(15).batchSize(8).loss(Loss.softmaxCrossEntropy())
                    .optimizer(new Adam(0.02)).seed(3).progress(Progress.NONE));
            assertTrue(h.last().loss() < h.epochs().get(0).loss() / 3, "the loss falls: " + h);
            float[] after = model.buffers().get("batch_normalization_1.running_mean").toFloatArray();
            assertNotEquals(before[0], after[0], "training moved the running statistics");
            assertEquals(1.0, model.evaluate(bars(20, 9)).accuracy(), 1e-12, "unseen bars, running statistics");
        }
    }
}
