package io.faltung.benchmarks;

import static io.faltung.benchmarks.Workloads.BATCH;
import static io.faltung.benchmarks.Workloads.CONV1_FILTERS;
import static io.faltung.benchmarks.Workloads.CONV2_FILTERS;
import static io.faltung.benchmarks.Workloads.CONV2_IMAGE;
import static io.faltung.benchmarks.Workloads.GEMM_N;
import static io.faltung.benchmarks.Workloads.IMAGE;
import static io.faltung.benchmarks.Workloads.KERNEL;
import static io.faltung.benchmarks.Workloads.LSTM_BATCH;
import static io.faltung.benchmarks.Workloads.LSTM_HIDDEN;
import static io.faltung.benchmarks.Workloads.LSTM_INPUTS;
import static io.faltung.benchmarks.Workloads.LSTM_STEPS;
import static io.faltung.benchmarks.Workloads.count;
import static io.faltung.benchmarks.Workloads.uniform;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * PyTorch CPU (through DJL) on the primitives of issue 7, time per operation, the peer figures of
 * {@code SgemmBenchmark}, {@code LayerBenchmark}, {@link FaltungConvBenchmark} and
 * {@code RecurrentBenchmark}:
 * <ul>
 *   <li>{@code sgemm}: {@code C = A · B}, N×N FLOAT32, N = 1024 ({@code torch.mm}; it allocates C);</li>
 *   <li>{@code conv1}: x [64,1,28,28] * w [20,1,5,5] + b, then backward of the output's sum into w and b
 *       (x needs no gradient: it is the input layer);</li>
 *   <li>{@code conv2}: x [64,20,12,12] * w [50,20,5,5] + b, backward into w, b and x;</li>
 *   <li>{@code lstm}: one LSTM layer (DJL's block, PyTorch's fused {@code lstm} operator), batch 32,
 *       50 steps, 32 inputs, 128 hidden units, forward then backward of the output sequence's sum into
 *       every parameter and the input.</li>
 * </ul>
 * Backward of a sum seeds the output gradient with ones, as {@code RecurrentBenchmark} does; PyTorch
 * accumulates into the existing gradients (one extra addition per parameter, negligible here).
 * Threads: {@code -Dai.djl.pytorch.num_threads} (see {@link Torch}).
 */
public class TorchBenchmark extends TimedWork {
    private Torch torch;
    private NDArray a;
    private NDArray b;
    private Conv conv1;
    private Conv conv2;
    private LSTM lstm;
    private ParameterStore parameters;
    private NDArray sequence;

    /** One convolution layer's input and parameters. */
    private record Conv(NDArray x, NDArray w, NDArray bias) {
    }

    @Setup(Level.Trial)
    public void setUp() {
        torch = Torch.open();
        a = torch.array(uniform(1, GEMM_N * GEMM_N, -0.5f, 0.5f), GEMM_N, GEMM_N);
        b = torch.array(uniform(2, GEMM_N * GEMM_N, -0.5f, 0.5f), GEMM_N, GEMM_N);
        conv1 = conv(new int[] {BATCH, 1, IMAGE, IMAGE}, CONV1_FILTERS, false);
        conv2 = conv(new int[] {BATCH, CONV1_FILTERS, CONV2_IMAGE, CONV2_IMAGE}, CONV2_FILTERS, true);

        lstm = LSTM.builder().setStateSize(LSTM_HIDDEN).setNumLayers(1).optBatchFirst(true).build();
        Shape input = new Shape(LSTM_BATCH, LSTM_STEPS, LSTM_INPUTS);
        lstm.initialize(torch.manager(), DataType.FLOAT32, input);
        parameters = new ParameterStore(torch.manager(), false);
        sequence = torch.array(uniform(3, count(LSTM_BATCH, LSTM_STEPS, LSTM_INPUTS), -1, 1),
                LSTM_BATCH, LSTM_STEPS, LSTM_INPUTS);
        sequence.setRequiresGradient(true);
    }

    private Conv conv(int[] x, int filters, boolean inputGradient) {
        int[] w = {filters, x[1], KERNEL, KERNEL};
        Conv conv = new Conv(torch.array(uniform(4, count(x), -1, 1), x),
                torch.array(uniform(5, count(w), -0.1f, 0.1f), w), torch.array(new float[filters], filters));
        conv.w().setRequiresGradient(true);
        conv.bias().setRequiresGradient(true);
        conv.x().setRequiresGradient(inputGradient);
        return conv;
    }

    @Benchmark
    public float sgemm() {
        try (NDManager step = torch.step(a)) {
            return a.matMul(b).getFloat(0, 0);
        }
    }

    @Benchmark
    public float conv1() {
        return step(conv1);
    }

    @Benchmark
    public float conv2() {
        return step(conv2);
    }

    private float step(Conv l) {
        try (NDManager step = torch.step(l.x()); GradientCollector collector = torch.engine().newGradientCollector()) {
            NDArray sum = Conv2d.conv2d(l.x(), l.w(), l.bias()).singletonOrThrow().sum();
            collector.backward(sum);
            return sum.getFloat();
        }
    }

    @Benchmark
    public float lstm() {
        try (NDManager step = torch.step(sequence);
             GradientCollector collector = torch.engine().newGradientCollector()) {
            NDArray sum = lstm.forward(parameters, new NDList(sequence), true).head().sum();
            collector.backward(sum);
            return sum.getFloat();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        torch.close();
    }
}
