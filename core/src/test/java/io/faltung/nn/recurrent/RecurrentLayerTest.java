package io.faltung.nn.recurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faltung.nn.Activation;
import io.faltung.nn.Dense;
import io.faltung.nn.Dropout;
import io.faltung.nn.Flatten;
import io.faltung.nn.Sequential;
import io.faltung.runtime.Backends;
import io.faltung.spi.DType;
import io.faltung.tensor.RandomStream;
import io.faltung.tensor.Scope;
import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;
import io.faltung.testkit.GradCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every recurrent layer must do, checked for each kind on the reference backend. */
class RecurrentLayerTest {

    /** A kind of recurrent layer: how to make one and its cell. */
    record Kind(String name, IntFunction<RecurrentLayer<?>> create, Cell cell) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Kind> kinds() {
        return Stream.of(new Kind("SimpleRNN", SimpleRNN::new, new SimpleRnnCell(Activation.TANH)),
                new Kind("LSTM", LSTM::new, LstmCell.INSTANCE),
                new Kind("GRU", GRU::new, GruCell.INSTANCE));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void sweepGradientsMatchCentralDifferences(Kind kind) {
        Fixtures f = new Fixtures(3);
        int h = 3;
        int rows = kind.cell().gates() * h;
        List<Tensor> inputs = new ArrayList<>(List.of(f.normal64(1, 2, 4, 3), f.normal64(0.5, rows, 3),
                f.normal64(0.5, rows, h), f.normal64(0.2, rows), f.normal64(0.2, rows), f.normal64(0.5, 2, h)));
        if (kind.cell().hasCellState()) {
            inputs.add(f.normal64(0.5, 2, h));
        }
        Cell cell = kind.cell();
        GradCheck.standard().check(kind + " sequence and final state", in -> {
            Tensor[] state = cell.hasCellState() ? new Tensor[] {in[5], in[6]} : new Tensor[] {in[5]};
            Recurrence.Sweep s = Recurrence.sweep(cell, in[0], new StackWeights(in[1], in[2], in[3], in[4]), state, 0,
                    true);
            Tensor last = s.state()[s.state().length - 1];
            return Tensor.concat(1, s.sequence().reshape(2, -1), last);
        }, inputs.toArray(Tensor[]::new));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void gradientsOfAStackedLayerMatchCentralDifferences(Kind kind) {
        RecurrentLayer<?> layer = kind.create().apply(2).layers(2).returnSequences(true);
        layer.build(Shape.of(3, 2), new RandomStream(5));
        layer.to(DType.FLOAT64);
        Fixtures f = new Fixtures(8);
        Tensor x = f.normal64(1, 2, 3, 2).requiresGrad(true);
        List<Tensor> inputs = new ArrayList<>(layer.parameters().values());
        inputs.add(x);
        GradCheck.standard().checkInPlace(kind + " stack of 2, every output", () -> layer.forward(x, true), inputs);
        x.close();
        layer.close();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void streamingStepsGiveTheNumbersOfTheWholeSequence(Kind kind) {
        RecurrentLayer<?> layer = kind.create().apply(4).layers(2).returnSequences(true);
        layer.build(Shape.of(6, 3), new RandomStream(2));
        Tensor x = new Fixtures(4).normal32(1, 2, 6, 3);
        try (Scope scope = Scope.open(); StepStream stream = layer.streaming()) {
            Tensor full = layer.forward(x, false);
            Tensor[] steps = x.unbind(1);
            Tensor[] expected = full.unbind(1);
            for (int t = 0; t < 6; t++) {
                Tensor y = stream.step(steps[t]);
                assertTrue(Fixtures.maxDifference(expected[t], y) <= 1e-6, kind + " step " + t + " differs by "
                        + Fixtures.maxDifference(expected[t], y));
            }
            stream.reset();
            assertTrue(Fixtures.maxDifference(expected[0], stream.step(steps[0])) <= 1e-6, "reset starts anew");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> stream.step(Tensor.zeros(3, 3)));
            assertTrue(e.getMessage().contains("is streaming a batch of 2 sequences but gets a step of 3"), e.getMessage());
        }
        layer.close();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aStreamedModelMatchesPredictionsOnEveryPrefix(Kind kind) {
        IntFunction<Sequential> model = steps -> {
            Sequential m = new Sequential(new Dropout(0.3), kind.create().apply(3).returnSequences(true),
                    new Dropout(0.3), kind.create().apply(3), new Dense(2).activation(Activation.TANH), new Dense(1));
            m.build(Shape.of(steps, 2), new RandomStream(9));
            return m;
        };
        Sequential full = model.apply(5);
        Tensor x = new Fixtures(5).normal32(1, 1, 5, 2);
        try (Scope scope = Scope.open(); StepStream stream = StepStream.of(full)) {
            for (int t = 0; t < 5; t++) {
                float streamed = stream.step(x.slice(1, t, t + 1).reshape(2).toFloatArray())[0];
                try (Sequential prefixModel = model.apply(t + 1)) {
                    double expected = prefixModel.predict(x.slice(1, 0, t + 1).contiguous()).item();
                    assertEquals(expected, streamed, 1e-6, kind + " prefix of " + (t + 1) + " steps");
                }
            }
        }
        full.close();
        Sequential notStreamable = new Sequential(kind.create().apply(2).returnSequences(true),
                new Flatten(), new Dense(1));
        notStreamable.build(Shape.of(3, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StepStream.of(notStreamable));
        assertTrue(e.getMessage().contains("flatten_1 Flatten() sees whole sequences [3, 2]"), e.getMessage());
        notStreamable.close();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void statefulModeCarriesTheStateFromBatchToBatch(Kind kind) {
        RecurrentLayer<?> whole = kind.create().apply(3).layers(2).returnSequences(true);
        whole.build(Shape.of(6, 2), new RandomStream(4));
        RecurrentLayer<?> halves = kind.create().apply(3).layers(2).returnSequences(true).stateful(true);
        halves.build(Shape.of(3, 2), new RandomStream(4));
        Tensor x = new Fixtures(6).normal32(1, 2, 6, 2);
        try (Scope scope = Scope.open()) {
            Tensor expected = whole.forward(x, true);
            Tensor first = halves.forward(x.slice(1, 0, 3).contiguous(), true);
            Tensor second = halves.forward(x.slice(1, 3, 6).contiguous(), true);
            assertTrue(Fixtures.maxDifference(expected, Tensor.concat(1, first, second)) <= 1e-6);
            assertEquals(Shape.of(2, 2, 3), halves.carriedState().h().shape());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> halves.forward(Tensor.zeros(1, 3, 2), true));
            assertTrue(e.getMessage().contains("the state carried over from the previous batch"), e.getMessage());
            halves.resetStates();
            assertNull(halves.carriedState());
            Tensor again = halves.forward(x.slice(1, 0, 3).contiguous(), false);
            assertTrue(Fixtures.maxDifference(first, again) == 0, "after resetStates the state starts from zeros");
        }
        whole.close();
        halves.close();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void anInitialStateContinuesAnEarlierRun(Kind kind) {
        RecurrentLayer<?> layer = kind.create().apply(3).layers(2).returnSequences(true);
        layer.build(Shape.of(6, 2), new RandomStream(7));
        Tensor x = new Fixtures(7).normal32(1, 2, 6, 2);
        try (Scope scope = Scope.open()) {
            RecurrentOutput whole = layer.forward(x, null, false);
            RecurrentOutput first = layer.forward(x.slice(1, 0, 2).contiguous(), null, false);
            RecurrentOutput rest = layer.forward(x.slice(1, 2, 6).contiguous(), first.state(), false);
            assertTrue(Fixtures.maxDifference(whole.output().slice(1, 2, 6), rest.output()) <= 1e-6);
            assertTrue(Fixtures.maxDifference(whole.state().h(), rest.state().h()) <= 1e-6);
            assertEquals(Shape.of(2, 2, 3), rest.state().h().shape(), "[layers, batch, hidden]");

            RecurrentState wrong = new RecurrentState(Tensor.zeros(1, 2, 3), whole.state().c());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> layer.forward(x, wrong, false));
            assertEquals(layer + ": the initial state has h [1, 2, 3] but a batch [2, 6, 2] needs [layers, batch, hidden]"
                    + " = [2, 2, 3]", e.getMessage());
            RecurrentState otherC = new RecurrentState(whole.state().h(),
                    kind.cell().hasCellState() ? null : Tensor.zeros(2, 2, 3));
            e = assertThrows(IllegalArgumentException.class, () -> layer.forward(x, otherC, false));
            assertTrue(e.getMessage().contains(kind.cell().hasCellState() ? "lacks the cell state" : "only an LSTM has"),
                    e.getMessage());
        }
        layer.close();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void truncationStopsTheGradientAfterSoManySteps(Kind kind) {
        for (int truncation : new int[] {0, 2}) {
            RecurrentLayer<?> layer = kind.create().apply(3).truncate(truncation);
            layer.build(Shape.of(4, 2), new RandomStream(1));
            try (Scope scope = Scope.open()) {
                Tensor x = new Fixtures(2).normal32(1, 1, 4, 2).requiresGrad(true);
                layer.forward(x, true).sum().backward();
                double[] g = x.grad().toDoubleArray();
                double early = Math.abs(g[0]) + Math.abs(g[1]) + Math.abs(g[2]) + Math.abs(g[3]);
                double late = Math.abs(g[4]) + Math.abs(g[5]) + Math.abs(g[6]) + Math.abs(g[7]);
                assertTrue(late > 0, "the last two steps always get a gradient");
                if (truncation == 0) {
                    assertTrue(early > 0, "untruncated, the first steps get a gradient");
                } else {
                    assertEquals(0, early, "truncated every 2 steps, the first two steps get none");
                }
                x.grad().close();
            }
            layer.close();
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void dropoutActsBetweenStackedLayersInTrainingOnly(Kind kind) {
        RecurrentLayer<?> plain = kind.create().apply(4).layers(2);
        plain.build(Shape.of(3, 2), new RandomStream(3));
        RecurrentLayer<?> dropped = kind.create().apply(4).layers(2).dropout(0.5);
        dropped.build(Shape.of(3, 2), new RandomStream(3));
        assertEquals(kind + "(4, layers=2, dropout=0.5)", dropped.toString());
        Tensor x = new Fixtures(3).normal32(1, 2, 3, 2);
        try (Scope scope = Scope.open()) {
            assertEquals(0, Fixtures.maxDifference(plain.forward(x, false), dropped.forward(x, false)));
            assertNotEquals(0, Fixtures.maxDifference(plain.forward(x, true), dropped.forward(x, true)));
            dropped.seedRandomness(11);
            Tensor a = dropped.forward(x, true);
            dropped.seedRandomness(11);
            assertEquals(0, Fixtures.maxDifference(a, dropped.forward(x, true)), "masks follow the seed");
        }
        plain.close();
        dropped.close();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void trainingStepsAndStreamsReleaseTheirMemory(Kind kind) {
        RecurrentLayer<?> layer = kind.create().apply(3).layers(2).stateful(true);
        layer.build(Shape.of(4, 2), new RandomStream(1));
        Tensor x = Scope.unscoped(() -> new Fixtures(2).normal32(1, 2, 4, 2));
        try (Scope warm = Scope.open()) {
            layer.forward(x, true).sum().backward();
        }
        long live = Backends.current().memoryStats().liveBuffers();
        for (int i = 0; i < 3; i++) {
            try (Scope step = Scope.open()) {
                layer.forward(x, true).sum().backward();
            }
            try (Scope step = Scope.open(); StepStream stream = layer.streaming()) {
                stream.step(x.slice(1, 0, 1).reshape(2, 2));
            }
        }
        assertEquals(live, Backends.current().memoryStats().liveBuffers(), "buffers left after steps");
        layer.close();
        x.close();
    }
}
