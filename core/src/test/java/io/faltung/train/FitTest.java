package io.faltung.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faltung.data.ArrayDataset;
import io.faltung.loss.Loss;
import io.faltung.nn.Activation;
import io.faltung.nn.Dense;
import io.faltung.nn.Sequential;
import io.faltung.tensor.Scope;
import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Small models that must learn, through {@code Sequential.fit}. */
class FitTest {

    @Test
    void aHiddenLayerLearnsXor() {
        var model = new Sequential(new Dense(8).activation(Activation.TANH), new Dense(1));
        TestSgd sgd = new TestSgd(0.5);
        History h = model.fit(Datasets.xor(), Fit.epochs(300).batchSize(4).loss(Loss.binaryCrossEntropyFromLogits())
                .optimizer(sgd).seed(1).progress(Progress.NONE));
        assertEquals(300, h.epochs().size());
        assertEquals(300, sgd.steps());
        assertEquals(1.0, h.last().accuracy(), "all four XOR points right: " + h.last());
        assertTrue(h.last().loss() < 0.1 && h.last().loss() < h.epochs().get(0).loss() / 5, h.last().toString());
        Evaluation e = model.evaluate(Datasets.xor());
        assertEquals(1.0, e.accuracy());
        assertEquals(4, e.samples());
        try (Scope s = Scope.open()) {
            float[] logits = model.predict(Tensor.of(new float[] {0, 1, 1, 1}, 2, 2)).toFloatArray();
            assertTrue(logits[0] > 0 && logits[1] < 0, "xor(0,1) = 1 and xor(1,1) = 0");
        }
    }

    @Test
    void softmaxRegressionSeparatesThreeBlobsAndReportsValidation() {
        ArrayDataset train = Datasets.threeBlobs(30, 1);
        ArrayDataset test = Datasets.threeBlobs(12, 2);
        var model = new Sequential(new Dense(3));
        History h = model.fit(train, Fit.epochs(8).batchSize(8).loss(Loss.softmaxCrossEntropy())
                .optimizer(new TestSgd(0.3)).validation(test).seed(3).progress(Progress.NONE));
        EpochStats last = h.last();
        assertTrue(last.validationAccuracy() >= 0.9, last.toString());
        assertTrue(last.validationLoss() < h.epochs().get(0).validationLoss(), "validation loss falls");
        assertTrue(last.seconds() > 0 && last.samplesPerSecond() > 0);
        assertEquals(h.values(Metric.VAL_ACCURACY)[7], last.validationAccuracy());
        assertEquals(model.evaluate(test).loss(), last.validationLoss(), 1e-6);
        Tensor p = model.predict(test);
        assertEquals(Shape.of(12, 3), p.shape());
        p.close();
    }

    @Test
    void theSameSeedTrainsTheSameModel() {
        assertEquals(trainedLoss(5), trainedLoss(5));
        assertTrue(trainedLoss(5) != trainedLoss(6));
    }

    private static double trainedLoss(long seed) {
        var model = new Sequential(new Dense(4).activation(Activation.RELU), new io.faltung.nn.Dropout(0.3), new Dense(3));
        History h = model.fit(Datasets.threeBlobs(12, 1), Fit.epochs(2).batchSize(5).loss(Loss.softmaxCrossEntropy())
                .optimizer(new TestSgd(0.1)).seed(seed).progress(Progress.NONE));
        model.close();
        return h.last().loss();
    }

    @Test
    void regressionHasNoAccuracy() {
        var data = ArrayDataset.of(new double[][] {{0}, {1}, {2}, {3}}, new double[][] {{1}, {3}, {5}, {7}});
        var model = new Sequential(new Dense(1));
        History h = model.fit(data, Fit.epochs(100).batchSize(4).loss(Loss.meanSquaredError())
                .optimizer(new TestSgd(0.05)).progress(Progress.NONE));
        assertTrue(Double.isNaN(h.last().accuracy()));
        assertTrue(h.last().loss() < 0.05, "fits y = 2x + 1: " + h.last());
        assertTrue(Double.isNaN(model.evaluate(data).accuracy()));
    }
}
