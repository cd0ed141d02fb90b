package io.faltung.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faltung.loss.Loss;
import io.faltung.nn.Dense;
import io.faltung.nn.Sequential;
import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;
import org.junit.jupiter.api.Test;

class EarlyStoppingTest {

    private static EpochStats valLoss(int epoch, double value) {
        return new EpochStats(epoch, 1, Double.NaN, value, Double.NaN, 1, 1);
    }

    private static Training training(Sequential model) {
        Fit fit = Fit.epochs(10).loss(Loss.meanSquaredError()).optimizer(new TestSgd(0.1))
                .validation(Datasets.xor());
        return new Training(model, fit, new History(10));
    }

    /** Feeds {@code values} as validation losses; returns the epoch at which training was stopped, or -1. */
    private static int stopEpoch(EarlyStopping es, double... values) {
        var model = new Sequential(new Dense(1));
        model.build(Shape.of(2));
        Training t = training(model);
        es.onTrainBegin(t);
        for (int e = 0; e < values.length; e++) {
            es.onEpochEnd(t, valLoss(e, values[e]));
            if (t.stopRequested()) {
                return e;
            }
        }
        return -1;
    }

    @Test
    void stopsAfterPatienceEpochsWithoutImprovement() {
        assertEquals(3, stopEpoch(EarlyStopping.monitor(Metric.VAL_LOSS).patience(2), 1.0, 0.8, 0.85, 0.81, 0.7));
        assertEquals(2, stopEpoch(EarlyStopping.monitor(Metric.VAL_LOSS), 1.0, 0.8, 0.85));
        assertEquals(-1, stopEpoch(EarlyStopping.monitor(Metric.VAL_LOSS).patience(2), 1.0, 0.9, 0.8, 0.7));
    }

    @Test
    void improvementsSmallerThanMinDeltaDoNotCount() {
        EarlyStopping es = EarlyStopping.monitor(Metric.VAL_LOSS).patience(2).minDelta(0.1);
        assertEquals(2, stopEpoch(es, 1.0, 0.95, 0.92));
        assertEquals(1.0, es.best());
        assertEquals(0, es.bestEpoch());
        assertEquals(-1, stopEpoch(EarlyStopping.monitor(Metric.VAL_LOSS).patience(2).minDelta(0.1), 1.0, 0.95, 0.85));
    }

    @Test
    void restoresTheBestEpochsWeights() {
        var model = new Sequential(new Dense(1));
        model.build(Shape.of(2));
        Tensor w = model.parameters().get("dense_1.weight");
        Training t = training(model);
        EarlyStopping es = EarlyStopping.monitor(Metric.VAL_LOSS).restoreBestWeights(true);
        es.onTrainBegin(t);
        w.assign(Tensor.of(new float[] {1, 2}, 1, 2));
        es.onEpochEnd(t, valLoss(0, 0.5));
        w.assign(Tensor.of(new float[] {3, 4}, 1, 2));
        es.onEpochEnd(t, valLoss(1, 0.7));
        assertTrue(t.stopRequested());
        assertTrue(t.stopReason().contains("val_loss did not improve") && t.stopReason().contains("restored"),
                t.stopReason());
        assertArrayEquals(new float[] {1, 2}, w.toFloatArray());
        es.onTrainEnd(t);
    }

    @Test
    void stopsARealRunAndRecordsWhy() {
        var model = new Sequential(new Dense(1));
        TestSgd frozen = new TestSgd(0);
        History h = model.fit(Datasets.xor(), Fit.epochs(10).batchSize(4).loss(Loss.meanSquaredError())
                .optimizer(frozen).progress(Progress.NONE)
                .callbacks(EarlyStopping.monitor(Metric.LOSS).patience(2)));
        assertEquals(3, h.epochs().size(), "no learning: epochs 2 and 3 do not improve on epoch 1");
        assertTrue(h.stopReason().orElseThrow().startsWith("early stopping: loss did not improve"));
        assertFalse(h.toString().isEmpty());
    }
}
