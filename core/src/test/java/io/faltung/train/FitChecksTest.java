package io.faltung.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faltung.data.ArrayDataset;
import io.faltung.loss.Loss;
import io.faltung.nn.Dense;
import io.faltung.nn.Sequential;
import io.faltung.spi.DType;
import io.faltung.tensor.Shape;
import org.junit.jupiter.api.Test;

/** Mistakes that fit() must report before the first step. */
class FitChecksTest {
    private final TestSgd sgd = new TestSgd(0.1);

    private Fit fit(Loss loss) {
        return Fit.epochs(1).loss(loss).optimizer(sgd).progress(Progress.NONE);
    }

    private String failure(Sequential model, ArrayDataset data, Fit fit) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.fit(data, fit));
        assertEquals(0, sgd.steps(), "no step ran");
        return e.getMessage();
    }

    @Test
    void classIndexTargetsForAOneHotLoss() {
        var data = ArrayDataset.of(new double[][] {{1, 2}, {3, 4}}, new double[][] {{2}, {0}});
        String m = failure(new Sequential(new Dense(3)), data, fit(Loss.softmaxCrossEntropy()));
        assertEquals("training data: softmax cross-entropy needs one-hot targets shaped like the model output [3] per"
                + " sample, but the targets are [1] per sample (class indices?) — one-hot encode them into 3 classes"
                + " (the model output comes from dense_1 Dense(3))", m);
    }

    @Test
    void targetsOutsideTheLossRange() {
        var data = ArrayDataset.of(new double[][] {{1}, {2}, {3}}, new double[][] {{0}, {1}, {2}});
        String m = failure(new Sequential(new Dense(1)), data, fit(Loss.binaryCrossEntropyFromLogits()));
        assertEquals("training data, sample 2: binary cross-entropy from logits needs targets in [0, 1] but a target has"
                + " 2.0 at position 0", m);
    }

    @Test
    void featuresThatDoNotMatchTheBuiltModel() {
        var model = new Sequential(new Dense(1));
        model.build(Shape.of(3));
        var data = ArrayDataset.of(new double[][] {{1, 2}}, new double[][] {{0}});
        assertEquals("the model was built for inputs [3] per sample but the training data has features [2] per sample",
                failure(model, data, fit(Loss.meanSquaredError())));
    }

    @Test
    void aModelConvertedToFloat64() {
        var model = new Sequential(new Dense(1));
        model.build(Shape.of(2));
        model.to(DType.FLOAT64);
        String m = failure(model, Datasets.xor(), fit(Loss.meanSquaredError()));
        assertTrue(m.startsWith("the model has FLOAT64 parameters but batches are FLOAT32"), m);
    }

    @Test
    void validationDataIsCheckedToo() {
        var train = ArrayDataset.of(new double[][] {{1, 2}}, new double[][] {{0}});
        var validation = ArrayDataset.of(new double[][] {{1, 2}}, new double[][] {{0, 1}});
        String m = failure(new Sequential(new Dense(1)), train, fit(Loss.meanSquaredError()).validation(validation));
        assertTrue(m.startsWith("validation data: mean squared error"), m);
    }

    @Test
    void missingLossOrOptimizer() {
        var data = Datasets.xor();
        var model = new Sequential(new Dense(1));
        assertTrue(failure(model, data, Fit.epochs(1).optimizer(sgd)).contains("no loss"));
        assertTrue(failure(model, data, Fit.epochs(1).loss(Loss.meanSquaredError())).contains("no optimizer"));
        assertThrows(IllegalArgumentException.class, () -> Fit.epochs(0));
    }

    @Test
    void earlyStoppingOnValidationLossWithoutValidationData() {
        String m = failure(new Sequential(new Dense(1)), Datasets.xor(), fit(Loss.meanSquaredError())
                .callbacks(EarlyStopping.monitor(Metric.VAL_LOSS)));
        assertTrue(m.contains("no validation data"), m);
        m = failure(new Sequential(new Dense(1)), Datasets.xor(), fit(Loss.meanSquaredError())
                .callbacks(EarlyStopping.monitor(Metric.ACCURACY)));
        assertTrue(m.contains("mean squared error has no accuracy"), m);
    }
}
