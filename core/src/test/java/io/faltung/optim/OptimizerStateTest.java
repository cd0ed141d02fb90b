package io.faltung.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faltung.runtime.Backends;
import io.faltung.spi.DType;
import io.faltung.tensor.Scope;
import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;
import io.faltung.testkit.ReferenceBackend;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** State export and restore, scope discipline and parameter handling of {@link GradientOptimizer}. */
class OptimizerStateTest {

    @Test
    void exportedStateResumesBitwise() {
        Tensor original = OptimizerHarness.parameter();
        Adam adam = new Adam(0.1).amsgrad(true).l2(0.01);
        for (int t = 0; t < 2; t++) {
            OptimizerHarness.step(adam, original);
        }
        Tensor resumed = Scope.unscoped(() -> Tensor.of(original.toDoubleArray(), 3).requiresGrad(true));
        Adam restored = new Adam(0.1).amsgrad(true).l2(0.01);
        try (Scope s = Scope.open()) {
            Map<String, Tensor> state = adam.state(List.of(original));
            assertEquals(Set.of("0.exp_avg", "0.exp_avg_sq", "0.max_exp_avg_sq", "0.step"), state.keySet());
            assertEquals(DType.INT32, state.get("0.step").dtype());
            assertEquals(2, state.get("0.step").item());
            restored.loadState(List.of(resumed), state);
        }
        OptimizerHarness.step(adam, original);
        OptimizerHarness.step(restored, resumed);
        assertArrayEquals(original.toDoubleArray(), resumed.toDoubleArray(), 0.0);
    }

    @Test
    void stateFromAnotherBackendIsCopiedOver() {
        Tensor theta = OptimizerHarness.parameter();
        Momentum momentum = new Momentum(0.1);
        ReferenceBackend elsewhere = new ReferenceBackend();
        try (Scope s = Scope.open()) {
            Map<String, Tensor> state = Map.of(
                    "0.momentum_buffer", Tensor.of(elsewhere, new double[] {1, 2, 3}, 3),
                    "0.step", Tensor.full(elsewhere, DType.INT32, Shape.scalar(), 5));
            momentum.loadState(List.of(theta), state);
            Tensor buffer = momentum.state(List.of(theta)).get("0.momentum_buffer");
            assertEquals(Backends.current(), buffer.backend());
            assertArrayEquals(new double[] {1, 2, 3}, buffer.toDoubleArray(), 0.0);
            assertEquals(5, momentum.state(List.of(theta)).get("0.step").item());
        }
    }

    @Test
    void exportIsASnapshotOwnedByTheCallersScope() {
        Tensor theta = OptimizerHarness.parameter();
        Momentum momentum = new Momentum(0.1);
        OptimizerHarness.step(momentum, theta);
        Tensor buffer;
        try (Scope s = Scope.open()) {
            buffer = momentum.state(List.of(theta)).get("0.momentum_buffer");
            double[] before = buffer.toDoubleArray();
            momentum.step(List.of(theta));
            assertArrayEquals(before, buffer.toDoubleArray(), 0.0);
        }
        assertTrue(buffer.isClosed());
        momentum.step(List.of(theta));   // the optimiser's own buffer is still alive
    }

    @Test
    void stepWithoutAScopeLeavesOnlyTheState() {
        Tensor theta = OptimizerHarness.parameter();
        OptimizerHarness.backward(theta);
        Adam adam = new Adam(0.1);
        long before = Backends.current().memoryStats().liveBuffers();
        adam.step(List.of(theta));
        assertEquals(before + 2, Backends.current().memoryStats().liveBuffers(), "exp_avg and exp_avg_sq");
        adam.step(List.of(theta));
        assertEquals(before + 2, Backends.current().memoryStats().liveBuffers());
        adam.clearState();
        assertEquals(before, Backends.current().memoryStats().liveBuffers());
    }

    @Test
    void parametersWithoutGradientAreSkippedAndDuplicatesUpdatedOnce() {
        Tensor theta = OptimizerHarness.parameter();
        Tensor idle = Scope.unscoped(() -> Tensor.of(new double[] {7}, 1).requiresGrad(true));
        OptimizerHarness.backward(theta);
        SGD sgd = new SGD(0.1);
        sgd.step(List.of(theta, idle, theta));
        assertArrayEquals(new double[] {0.85, -1.3, 0.275}, theta.toDoubleArray(), 1e-15);
        assertArrayEquals(new double[] {7}, idle.toDoubleArray(), 0.0);
        try (Scope s = Scope.open()) {
            assertEquals(Set.of("0.step"), sgd.state(List.of(theta, idle)).keySet());
        }
    }

    @Test
    void float32ParametersAreUpdatedInTheirOwnType() {
        Tensor theta = Scope.unscoped(() -> Tensor.of(new float[] {1, -2}, 2).requiresGrad(true));
        try (Scope s = Scope.open()) {
            theta.square().sum().backward();      // g = 2θ = (2, -4)
        }
        new Adam(0.1).step(List.of(theta));
        assertEquals(DType.FLOAT32, theta.dtype());
        assertArrayEquals(new float[] {0.9f, -1.9f}, theta.toFloatArray(), 1e-6f);
    }

    @Test
    void clearStateRestartsFromTheFirstStep() {
        Tensor a = OptimizerHarness.parameter();
        Tensor b = OptimizerHarness.parameter();
        Momentum momentum = new Momentum(0.1);
        OptimizerHarness.step(momentum, a);
        momentum.clearState();
        OptimizerHarness.step(momentum, a);
        OptimizerHarness.step(new Momentum(0.1), b);
        OptimizerHarness.step(new Momentum(0.1), b);
        assertArrayEquals(b.toDoubleArray(), a.toDoubleArray(), 0.0);
    }

    @Test
    void badStateIsRejectedBeforeAnythingChanges() {
        Tensor theta = OptimizerHarness.parameter();
        Adam adam = new Adam(0.1);
        OptimizerHarness.step(adam, theta);
        try (Scope s = Scope.open()) {
            Map<String, Tensor> good = adam.state(List.of(theta));
            Map<String, Tensor> unknown = new HashMap<>(good);
            unknown.put("0.sum", theta.zerosLike());
            assertTrue(assertThrows(IllegalArgumentException.class, () -> adam.loadState(List.of(theta), unknown))
                    .getMessage().contains("'0.sum'"));
            Map<String, Tensor> outOfRange = Map.of("1.step", good.get("0.step"));
            assertThrows(IllegalArgumentException.class, () -> adam.loadState(List.of(theta), outOfRange));
            Map<String, Tensor> wrongShape = new HashMap<>(good);
            wrongShape.put("0.exp_avg", Tensor.zeros(DType.FLOAT64, Shape.of(4)));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> adam.loadState(List.of(theta), wrongShape))
                    .getMessage().contains("[4]"));
            Map<String, Tensor> noStep = new HashMap<>(good);
            noStep.remove("0.step");
            assertThrows(IllegalArgumentException.class, () -> adam.loadState(List.of(theta), noStep));
            assertArrayEquals(good.get("0.exp_avg").toDoubleArray(),
                    adam.state(List.of(theta)).get("0.exp_avg").toDoubleArray(), 0.0);
        }
    }

    @Test
    void statelessOptimizersRefuseState() {
        Optimizer plain = new Optimizer() {
            private double rate = 0.1;

            @Override
            public void step(List<Tensor> parameters) {
            }

            @Override
            public double learningRate() {
                return rate;
            }

            @Override
            public void learningRate(double value) {
                rate = value;
            }
        };
        assertTrue(plain.state(List.of()).isEmpty());
        plain.loadState(List.of(), Map.of());
        try (Scope s = Scope.open()) {
            Map<String, Tensor> state = Map.of("0.step", Tensor.scalar(1));
            assertThrows(IllegalArgumentException.class, () -> plain.loadState(List.of(), state));
        }
    }

    @Test
    void hyperParametersAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new SGD(-1));
        assertThrows(IllegalArgumentException.class, () -> new Adam(0.1, 1.0, 0.999, 1e-8));
        assertThrows(IllegalArgumentException.class, () -> new Momentum(0.1, -0.5, false));
        assertThrows(IllegalArgumentException.class, () -> new RMSprop(0.1).l2(Double.NaN));
        Adam adam = new Adam(0.1);
        adam.learningRate(0.5);
        assertEquals(0.5, adam.learningRate());
        assertNotEquals(-1, assertThrows(IllegalArgumentException.class, () -> adam.learningRate(-1)).getMessage()
                .indexOf("Adam: learning rate"));
    }
}
