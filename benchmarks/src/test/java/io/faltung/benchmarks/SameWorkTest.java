package io.faltung.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleSupplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The benchmarks time real work, and the same work on both sides: the convolution layers give the
 * same output sum in Faltung and in PyTorch (same inputs, same weights), and both LeNet steps train
 * (the loss on the fixed batch falls). Runs only in the {@code bench} profile, with the thread
 * properties the benchmarks require (set in this module's POM).
 */
class SameWorkTest {
    private static final FaltungConvBenchmark FALTUNG_CONV = new FaltungConvBenchmark();
    private static final TorchBenchmark TORCH = new TorchBenchmark();

    @BeforeAll
    static void open() {
        FALTUNG_CONV.setUp();
        TORCH.setUp();
    }

    @AfterAll
    static void close() {
        FALTUNG_CONV.tearDown();
        TORCH.tearDown();
    }

    @Test
    void convolutionsComputeTheSameOutputOnBothSides() {
        double conv1 = FALTUNG_CONV.conv1();
        double conv2 = FALTUNG_CONV.conv2();
        assertTrue(Math.abs(conv1) > 1, "conv1 sum " + conv1 + " is too small to compare");
        assertEquals(conv1, TORCH.conv1(), 1e-4 * Math.abs(conv1), "conv1 output sum");
        assertEquals(conv2, TORCH.conv2(), 1e-4 * Math.abs(conv2), "conv2 output sum");
    }

    @Test
    void torchGemmAndLstmRun() {
        assertTrue(Float.isFinite(TORCH.sgemm()));
        assertTrue(Float.isFinite(TORCH.lstm()));
    }

    @Test
    void faltungLenetStepTrains() {
        FaltungLenetBenchmark lenet = new FaltungLenetBenchmark();
        assertTrains(lenet::setUp, lenet::step, lenet::tearDown);
    }

    @Test
    void torchLenetStepTrains() {
        TorchLenetBenchmark lenet = new TorchLenetBenchmark();
        assertTrains(lenet::setUp, lenet::step, lenet::tearDown);
    }

    /** Twenty steps after the first on the same batch halve the loss at least (the net memorises 64 images). */
    private static void assertTrains(Runnable setUp, DoubleSupplier step, Runnable tearDown) {
        setUp.run();
        try {
            double first = step.getAsDouble();
            double last = first;
            for (int i = 0; i < 20; i++) {
                last = step.getAsDouble();
            }
            assertTrue(last < first / 2, "loss went from " + first + " to " + last + " in 20 steps");
        } finally {
            tearDown.run();
        }
    }
}
