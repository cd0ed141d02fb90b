package io.faltung.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faltung.loss.Loss;
import io.faltung.nn.Activation;
import io.faltung.nn.Dense;
import io.faltung.nn.Dropout;
import io.faltung.nn.Layer;
import io.faltung.nn.Sequential;
import io.faltung.optim.Adam;
import io.faltung.optim.Optimizer;
import io.faltung.runtime.Backends;
import io.faltung.spi.MemoryStats;
import io.faltung.tensor.Scope;
import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** Every training step must give back all the device memory it took. */
class TrainingMemoryTest {

    /** Asserts after every step that live buffers and bytes equal those after the first step. */
    private static final class MemoryProbe implements Callback {
        private MemoryStats baseline;
        private int checkedSteps;

        @Override
        public void onStepEnd(Training training, int epoch, int step, double loss) {
            MemoryStats now = Backends.current().memoryStats();
            if (baseline == null) {
                baseline = now;   // gradients now exist; they and the parameters stay
                return;
            }
            checkedSteps++;
            if (now.liveBuffers() != baseline.liveBuffers() || now.liveBytes() != baseline.liveBytes()) {
                throw new AssertionFailedError("epoch " + epoch + " step " + step + " leaked: "
                        + (now.liveBuffers() - baseline.liveBuffers()) + " buffers, "
                        + (now.liveBytes() - baseline.liveBytes()) + " bytes more than after the first step");
            }
        }
    }

    /** Passes its input through, but leaves one unscoped tensor behind per call. */
    private static final class LeakyIdentity extends Layer {
        @Override
        protected Shape inferOutputShape(Shape input) {
            return input;
        }

        @Override
        protected Tensor call(Tensor batch, boolean training) {
            Scope.unscoped(() -> Tensor.zeros(1));
            return batch;
        }

        @Override
        public String toString() {
            return "LeakyIdentity()";
        }
    }

    private static Fit fit(MemoryProbe probe) {
        return fit(probe, new TestSgd(0.1));
    }

    private static Fit fit(MemoryProbe probe, Optimizer optimizer) {
        return Fit.epochs(40).batchSize(8).loss(Loss.softmaxCrossEntropy()).optimizer(optimizer)
                .validation(Datasets.threeBlobs(9, 2)).progress(Progress.NONE).callbacks(probe);
    }

    @Test
    void twoHundredStepsReturnToTheBaselineAfterEachStep() {
        MemoryStats before = Backends.current().memoryStats();
        var model = new Sequential(new Dense(8).activation(Activation.RELU), new Dropout(0.2), new Dense(3));
        MemoryProbe probe = new MemoryProbe();
        History h = model.fit(Datasets.threeBlobs(40, 1), fit(probe));
        assertEquals(40, h.epochs().size());
        assertEquals(199, probe.checkedSteps, "5 steps × 40 epochs, the first is the baseline");
        assertTrue(h.last().validationAccuracy() > 0.5, "it trained: " + h.last());
        model.close();
        MemoryStats after = Backends.current().memoryStats();
        assertEquals(before.liveBuffers(), after.liveBuffers(), "closing the model frees parameters and gradients");
        assertEquals(before.liveBytes(), after.liveBytes());
    }

    @Test
    void adamStateIsCreatedInTheFirstStepOnly() {
        var model = new Sequential(new Dense(8).activation(Activation.TANH), new Dense(3));
        MemoryProbe probe = new MemoryProbe();
        History h = model.fit(Datasets.threeBlobs(40, 1), fit(probe, new Adam(1e-2)));
        assertEquals(199, probe.checkedSteps);
        assertTrue(h.last().loss() < h.epochs().get(0).loss(), h.toString());
        model.close();
    }

    @Test
    void aStepThatLeaksIsCaught() {
        var model = new Sequential(new Dense(8).activation(Activation.RELU), new LeakyIdentity(), new Dense(3));
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> model.fit(Datasets.threeBlobs(40, 1), fit(new MemoryProbe())));
        assertEquals("epoch 0 step 1 leaked: 1 buffers, 4 bytes more than after the first step", e.getMessage());
        model.close();
    }
}
