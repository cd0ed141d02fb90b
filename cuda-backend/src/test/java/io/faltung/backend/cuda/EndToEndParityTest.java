package io.faltung.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faltung.data.ArrayDataset;
import io.faltung.loss.Loss;
import io.faltung.nn.Activation;
import io.faltung.nn.Conv2D;
import io.faltung.nn.Dense;
import io.faltung.nn.Flatten;
import io.faltung.nn.MaxPool2D;
import io.faltung.nn.Sequential;
import io.faltung.nn.recurrent.LSTM;
import io.faltung.optim.Adam;
import io.faltung.runtime.Backends;
import io.faltung.spi.Availability;
import io.faltung.spi.Backend;
import io.faltung.tensor.RandomStream;
import io.faltung.tensor.Shape;
import io.faltung.testkit.Comparison;
import io.faltung.testkit.Tolerance;
import io.faltung.train.Callback;
import io.faltung.train.Fit;
import io.faltung.train.Progress;
import io.faltung.train.Training;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * End-to-end parity: a tiny CNN and a tiny LSTM are trained for {@value #STEPS} Adam steps on the
 * CUDA backend and on the CPU backend (the reference) from the same seed and the same data, without
 * shuffling or dropout. Because the random stream is counter-based, both start from the same
 * parameters; the test compares the initial parameters, the loss of every step and the final
 * parameters by their {@code state_dict} name, and checks that closing the model and clearing the
 * optimiser returns each backend's live buffer count to its baseline. Skipped with the probe's
 * reason where no GPU is usable (a failure under {@code -Dfaltung.cuda.requireGpu=true}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndToEndParityTest {
    private static final Availability PROBE = new CudaBackendProvider().probe();
    private static final int STEPS = 5;
    private static final int BATCH = 4;
    private static final long SEED = 20240601L;
    private static final Tolerance INITIAL = new Tolerance(1e-7, 1e-6);
    private static final Tolerance LOSS = new Tolerance(1e-5, 1e-4);
    private static final Tolerance TRAINED = new Tolerance(1e-4, 1e-3);

    private Backend cuda;
    private Backend cpu;
    private Backend previous;

    @BeforeEach
    void openBackends() {
        if (Boolean.getBoolean("faltung.cuda.requireGpu")) {
            Assertions.assertTrue(PROBE.usable(), "a GPU was required (-Dfaltung.cuda.requireGpu) but: " + PROBE.reason());
        }
        Assumptions.assumeTrue(PROBE.usable(), () -> "CUDA backend unusable: " + PROBE.reason());
        if (cuda == null) {
            previous = Backends.current();
            cuda = CudaBackend.open(CudaOptions.fromSystemProperties().forParity());
            cpu = Backends.select("cpu");
        }
    }

    @AfterAll
    void closeBackends() {
        if (previous != null) {
            Backends.use(previous);
        }
        if (cuda != null) {
            cuda.close();
        }
        if (cpu != null) {
            cpu.close();
        }
    }

    @Test
    void cnnTrainsAlikeOnBothBackends() {
        Supplier<Sequential> cnn = () -> new Sequential(new Conv2D(4, 3).activation(Activation.RELU), new MaxPool2D(2),
                new Flatten(), new Dense(3));
        Random data = new Random(SEED);
        float[] x = new float[STEPS * BATCH * 8 * 8];
        float[] y = new float[STEPS * BATCH * 3];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) data.nextGaussian();
        }
        for (int n = 0; n < STEPS * BATCH; n++) {
            y[n * 3 + data.nextInt(3)] = 1;
        }
        assertParity("cnn", cnn, new ArrayDataset(x, Shape.of(1, 8, 8), y, Shape.of(3)), Loss.softmaxCrossEntropy());
    }

    @Test
    void lstmTrainsAlikeOnBothBackends() {
        Supplier<Sequential> lstm = () -> new Sequential(new LSTM(5), new Dense(2));
        Random data = new Random(SEED + 1);
        float[] x = new float[STEPS * BATCH * 6 * 3];
        float[] y = new float[STEPS * BATCH * 2];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) data.nextGaussian();
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) data.nextGaussian();
        }
        assertParity("lstm", lstm, new ArrayDataset(x, Shape.of(6, 3), y, Shape.of(2)), Loss.meanSquaredError());
    }

    private void assertParity(String model, Supplier<Sequential> factory, ArrayDataset data, Loss loss) {
        Run expected = train(cpu, factory, data, loss);
        Run actual = train(cuda, factory, data, loss);
        assertEquals(STEPS, expected.losses().length, model + ": steps on the CPU backend");
        assertEquals(expected.initial().keySet(), actual.initial().keySet(), model + ": parameter names");
        List<String> failures = new ArrayList<>();
        double worstParameter = 0;
        for (String name : expected.initial().keySet()) {
            check(failures, INITIAL.compare(model + " initial " + name, expected.initial().get(name),
                    actual.initial().get(name)));
            Comparison trained = TRAINED.compare(model + " trained " + name, expected.trained().get(name),
                    actual.trained().get(name));
            check(failures, trained);
            worstParameter = Math.max(worstParameter, trained.maxAbsError());
        }
        Comparison losses = LOSS.compare(model + " loss per step", expected.losses(), actual.losses());
        check(failures, losses);
        System.out.printf("[e2e parity] %s: %d params, losses cpu %s cuda %s; max |Δloss| %.3g, max |Δparam| %.3g%n",
                model, expected.initial().size(), Arrays.toString(expected.losses()),
                Arrays.toString(actual.losses()), losses.maxAbsError(), worstParameter);
        assertTrue(failures.isEmpty(), () -> model + " CUDA vs CPU after " + STEPS + " Adam steps:\n"
                + String.join("\n", failures));
    }

    private static void check(List<String> failures, Comparison c) {
        if (!c.passed()) {
            failures.add(c.message());
        }
    }

    /** Trains a fresh model on {@code backend}; closes everything it made and checks the buffers. */
    private Run train(Backend backend, Supplier<Sequential> factory, ArrayDataset data, Loss loss) {
        Backends.use(backend);
        long baseline = backend.memoryStats().liveBuffers();
        Adam adam = new Adam(1e-2);
        List<Double> losses = new ArrayList<>();
        Map<String, double[]> initial;
        Map<String, double[]> trained;
        try (Sequential model = factory.get()) {
            model.build(data.featureShape(), new RandomStream(SEED));
            initial = snapshot(model);
            Fit fit = Fit.epochs(1).batchSize(BATCH).shuffle(false).seed(SEED).loss(loss).optimizer(adam)
                    .progress(Progress.NONE).callbacks(new Callback() {
                        @Override
                        public void onStepEnd(Training training, int epoch, int step, double value) {
                            losses.add(value);
                        }
                    });
            model.fit(data, fit);
            trained = snapshot(model);
            assertTrue(backend.memoryStats().liveBuffers() > baseline,
                    backend.name() + ": parameters and Adam state should be live buffers while the model is open");
            adam.clearState();
        }
        assertEquals(baseline, backend.memoryStats().liveBuffers(),
                backend.name() + ": live buffers after closing the model and clearing Adam's state");
        return new Run(losses.stream().mapToDouble(Double::doubleValue).toArray(), initial, trained);
    }

    private static Map<String, double[]> snapshot(Sequential model) {
        Map<String, double[]> values = new LinkedHashMap<>();
        model.parameters().forEach((name, tensor) -> values.put(name, tensor.toDoubleArray()));
        return values;
    }

    private record Run(double[] losses, Map<String, double[]> initial, Map<String, double[]> trained) {
    }
}
