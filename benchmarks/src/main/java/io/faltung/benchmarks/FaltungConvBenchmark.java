package io.faltung.benchmarks;

import static io.faltung.benchmarks.Workloads.BATCH;
import static io.faltung.benchmarks.Workloads.CONV1_FILTERS;
import static io.faltung.benchmarks.Workloads.CONV2_FILTERS;
import static io.faltung.benchmarks.Workloads.CONV2_IMAGE;
import static io.faltung.benchmarks.Workloads.IMAGE;
import static io.faltung.benchmarks.Workloads.KERNEL;
import static io.faltung.benchmarks.Workloads.count;
import static io.faltung.benchmarks.Workloads.uniform;

import io.faltung.ops.Convolution;
import io.faltung.spi.Backend;
import io.faltung.spi.ConvSpec;
import io.faltung.tensor.Scope;
import io.faltung.tensor.Tensor;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The two LeNet convolution layers through Faltung's whole stack (tensors, autograd, ops, CPU
 * backend), the work {@link TorchBenchmark}'s {@code conv1} and {@code conv2} time in PyTorch:
 * x * w + b, the sum of the output, backward into w and b ({@code conv1}: x [64,1,28,28], w [20,1,5,5])
 * or into w, b and x ({@code conv2}: x [64,20,12,12], w [50,20,5,5]). The backend primitives alone
 * are timed by the CPU backend's {@code LayerBenchmark}. Threads: {@code -Dfaltung.cpu.threads}.
 */
public class FaltungConvBenchmark extends TimedWork {
    private Backend backend;
    private Conv conv1;
    private Conv conv2;

    /** One convolution layer's input and parameters. */
    private record Conv(Tensor x, Tensor w, Tensor bias) {
        void close() {
            x.close();
            w.close();
            bias.close();
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        backend = Faltung.open();
        conv1 = conv(new int[] {BATCH, 1, IMAGE, IMAGE}, CONV1_FILTERS, false);
        conv2 = conv(new int[] {BATCH, CONV1_FILTERS, CONV2_IMAGE, CONV2_IMAGE}, CONV2_FILTERS, true);
    }

    private static Conv conv(int[] x, int filters, boolean inputGradient) {
        int[] w = {filters, x[1], KERNEL, KERNEL};
        Conv conv = new Conv(Faltung.tensor(uniform(4, count(x), -1, 1), x),
                Faltung.tensor(uniform(5, count(w), -0.1f, 0.1f), w),
                Faltung.tensor(new float[filters], filters, 1, 1));
        conv.w().requiresGrad(true);
        conv.bias().requiresGrad(true);
        conv.x().requiresGrad(inputGradient);
        return conv;
    }

    @Benchmark
    public double conv1() {
        return step(conv1);
    }

    @Benchmark
    public double conv2() {
        return step(conv2);
    }

    private static double step(Conv l) {
        try (Scope step = Scope.open()) {
            l.w().zeroGrad();
            l.bias().zeroGrad();
            l.x().zeroGrad();
            Tensor sum = Convolution.conv2d(l.x(), l.w(), ConvSpec.unit()).add(l.bias()).sum();
            sum.backward();
            return sum.item();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        conv1.close();
        conv2.close();
        backend.close();
    }
}
