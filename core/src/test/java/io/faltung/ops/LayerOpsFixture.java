package io.faltung.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.faltung.tensor.Scope;
import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;
import io.faltung.testkit.GradCheck;
import io.faltung.testkit.ReferenceBackend;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Shared frame of the convolution, pooling and cell op tests: a fresh reference backend and scope
 * per test (closed and checked for leaks after it), seeded FLOAT64 inputs, the standard GradCheck.
 */
abstract class LayerOpsFixture {
    final GradCheck check = GradCheck.standard();
    ReferenceBackend backend;
    private Scope scope;
    private final SplittableRandom random = new SplittableRandom(11);

    @BeforeEach
    void open() {
        backend = new ReferenceBackend();
        scope = Scope.open();
    }

    @AfterEach
    void closeAndCheckForLeaks() {
        scope.close();
        assertEquals(0, backend.memoryStats().liveBuffers(), "buffers left open: " + backend.memoryStats());
        backend.close();
    }

    /** FLOAT64 values uniform in [-1, 1) (distinct with probability 1: no ties for max pooling). */
    Tensor input(int... shape) {
        double[] values = new double[Math.toIntExact(Shape.of(shape).size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextDouble(-1, 1);
        }
        return Tensor.of(backend, values, shape);
    }
}
