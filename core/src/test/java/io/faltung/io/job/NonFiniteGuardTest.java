package io.faltung.io.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faltung.data.ArrayDataset;
import io.faltung.io.safetensors.HostTensor;
import io.faltung.io.weights.Weights;
import io.faltung.loss.Loss;
import io.faltung.nn.Activation;
import io.faltung.nn.ActivationLayer;
import io.faltung.nn.Dense;
import io.faltung.nn.Sequential;
import io.faltung.optim.SGD;
import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;
import io.faltung.train.Callback;
import io.faltung.train.Fit;
import io.faltung.train.Progress;
import io.faltung.train.Training;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NonFiniteGuardTest {
    /** log(0) = -infinity once the input of the layer reaches 5 or more. */
    private static final Activation BAD = new Activation() {
        @Override
        public Tensor apply(Tensor x) {
            return x.sub(5).relu().neg().add(1).relu().log().neg().neg();
        }

        @Override
        public String name() {
            return "log_of_zero_beyond_5";
        }
    };

    private static ArrayDataset data(float big) {
        return ArrayDataset.of(new double[][] {{1, 2}, {0.5, 1}, {big, 1}, {1, 1}},
                new double[][] {{1, 0}, {0, 1}, {1, 0}, {0, 1}});
    }

    private static Fit fit(boolean guard) {
        Fit f = Fit.epochs(2).batchSize(2).loss(Loss.softmaxCrossEntropy()).optimizer(new SGD(0.1))
                .progress(Progress.NONE).shuffle(false);
        return guard ? f.callbacks(new NonFiniteGuard()) : f;
    }

    @Test
    @SuppressWarnings("unchecked")
    void namesTheFirstLayerWhoseOutputIsNotFiniteBeforeTheWeightsChange() {
        try (Sequential model = new Sequential(new Dense(3).weightInit(io.faltung.nn.init.Initializer.constant(1)),
                new ActivationLayer(BAD), new Dense(2))) {
            model.build(Shape.of(2));
            Map<String, HostTensor>[] afterFirstStep = new Map[1];
            Callback record = new Callback() {
                @Override
                public void onStepEnd(Training training, int epoch, int step, double loss) {
                    afterFirstStep[0] = Weights.of(training.model());
                }
            };
            NonFiniteGuard.NonFiniteException e = assertThrows(NonFiniteGuard.NonFiniteException.class,
                    () -> model.fit(data(10), fit(true).callbacks(new NonFiniteGuard(), record)));
            assertTrue(e.getMessage().startsWith("activation_1 (Activation(log_of_zero_beyond_5)) produced -Infinity"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("epoch 1, step 1"), e.getMessage());
            assertEquals(afterFirstStep[0], Weights.of(model), "the failing step changed no weight");
        }
    }

    @Test
    void withoutTheGuardTheSameRunGoesOnAndTheGuardIsRemovedAfterwards() {
        try (Sequential model = new Sequential(new Dense(3).weightInit(io.faltung.nn.init.Initializer.constant(1)),
                new ActivationLayer(BAD), new Dense(2))) {
            model.fit(data(10), fit(false));
        }
        try (Sequential model = new Sequential(new Dense(2))) {
            model.fit(data(1), fit(true));
            model.fit(data(Float.NaN), fit(false));
        }
    }

    @Test
    void nanInTheDataIsCaughtAtTheFirstLayer() {
        try (Sequential model = new Sequential(new Dense(2))) {
            NonFiniteGuard.NonFiniteException e = assertThrows(NonFiniteGuard.NonFiniteException.class,
                    () -> model.fit(data(Float.NaN), fit(true)));
            assertTrue(e.getMessage().startsWith("dense_1 (Dense(2)) produced NaN at element 0"), e.getMessage());
        }
    }
}
