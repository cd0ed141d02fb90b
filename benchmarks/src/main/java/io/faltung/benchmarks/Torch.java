package io.faltung.benchmarks;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;

import java.util.Arrays;

/**
 * PyTorch CPU through DJL, as the peer benchmarks use it: the engine, one root manager for the
 * long-lived arrays, and a fixed intra-op thread count. The count must be given with
 * {@code -Dai.djl.pytorch.num_threads=N} (DJL applies it when the engine loads); opening fails
 * otherwise, so a run can never compare a two-thread Faltung with an all-core PyTorch.
 * Run offline ({@code -Dai.djl.offline=true}): the native library comes from the
 * {@code pytorch-native-cpu} jar on the class path.
 */
final class Torch implements AutoCloseable {
    /** DJL's property for PyTorch's intra-op threads. */
    static final String THREADS_PROPERTY = "ai.djl.pytorch.num_threads";

    private final Engine engine;
    private final NDManager manager;

    private Torch(Engine engine) {
        this.engine = engine;
        this.manager = NDManager.newBaseManager();
    }

    /** Loads the PyTorch engine and checks that it runs on the requested thread count. */
    static Torch open() {
        Integer wanted = Integer.getInteger(THREADS_PROPERTY);
        if (wanted == null) {
            throw new IllegalStateException("PyTorch's thread count is not fixed: run with -D" + THREADS_PROPERTY
                    + "=N (and OMP_NUM_THREADS=N MKL_NUM_THREADS=N), the same N as -Dfaltung.cpu.threads");
        }
        Engine engine = Engine.getEngine("PyTorch");
        int threads = JniUtils.getNumThreads();
        if (threads != wanted) {
            throw new IllegalStateException("PyTorch runs " + threads + " intra-op threads, " + wanted + " were asked for");
        }
        System.out.printf("PyTorch %s (DJL %s): %d intra-op threads, %d inter-op threads%n", engine.getVersion(),
                Engine.getDjlVersion(), threads, JniUtils.getNumInteropThreads());
        return new Torch(engine);
    }

    Engine engine() {
        return engine;
    }

    NDManager manager() {
        return manager;
    }

    /** A FLOAT32 array of {@code shape} holding {@code values}, owned by the root manager. */
    NDArray array(float[] values, int... shape) {
        return manager.create(values, new Shape(Arrays.stream(shape).asLongStream().toArray()));
    }

    /**
     * A manager for one timed step. DJL attaches the result of an operation to the manager of its
     * first input, so {@code inputs} are attached to the step's manager for its lifetime: every array
     * the step creates is freed when it closes, and {@code inputs} go back to the root manager.
     */
    NDManager step(NDArray... inputs) {
        NDManager step = manager.newSubManager();
        for (NDArray input : inputs) {
            input.tempAttach(step);
        }
        return step;
    }

    @Override
    public void close() {
        manager.close();
    }
}
