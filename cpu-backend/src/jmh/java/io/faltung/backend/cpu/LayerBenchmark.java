package io.faltung.backend.cpu;

import io.faltung.spi.BinaryOp;
import io.faltung.spi.Buffer;
import io.faltung.spi.ConvSpec;
import io.faltung.spi.DType;
import io.faltung.spi.GemmSpec;
import io.faltung.spi.ReduceOp;
import io.faltung.spi.View;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The layer primitives of LeNet and of an LSTM step on the CPU backend, FLOAT32, time per
 * forward+backward (the PyTorch figures in PERFORMANCE.md measure the same work):
 * <ul>
 *   <li>{@code lenetConv1}: x [64,1,28,28] * w [20,1,5,5] + b → y; backward dW and db (no dX: it is the input layer);</li>
 *   <li>{@code lenetConv2}: x [64,20,12,12] * w [50,20,5,5] + b → y; backward dW, db and dX;</li>
 *   <li>{@code lstmCell}: one cell step, B 32, H 128, forward and backward (the gate GEMMs are not included).</li>
 * </ul>
 * {@code conv2Forward}, {@code conv2BackwardFilter} and {@code conv2BackwardData} time the three
 * convolution primitives of {@code lenetConv2} alone (2·64·50·500·64 ≈ 205 MFLOP each), and
 * {@code gemmLikeConv2} one plain GEMM of the same flops, the bound a lowering could reach.
 * The bias is a broadcast ADD and db a SUM over (N, P, Q), as the layers compose them.
 * Threads: {@code -Dfaltung.cpu.threads}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 8, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
public class LayerBenchmark {
    private CpuBackend backend;
    private final List<Buffer> buffers = new ArrayList<>();
    private final Random random = new Random(7);
    private Conv conv1;
    private Conv conv2;
    private View gates;
    private View cPrev;
    private View h;
    private View c;
    private View saved;
    private View dh;
    private View dc;
    private View dGates;
    private View dcPrev;
    private View gemmA;
    private View gemmB;
    private View gemmC;

    /** The tensors of one convolution layer's forward and backward. */
    private record Conv(ConvSpec spec, View x, View w, View b, View y, View dy, View dx, View dw, View db) {
    }

    @Setup(Level.Trial)
    public void setUp() {
        backend = new CpuBackend(Parallel.defaultThreads());
        conv1 = conv(new int[] {64, 1, 28, 28}, new int[] {20, 1, 5, 5});
        conv2 = conv(new int[] {64, 20, 12, 12}, new int[] {50, 20, 5, 5});
        gates = tensor(32, 512);
        cPrev = tensor(32, 128);
        h = tensor(32, 128);
        c = tensor(32, 128);
        saved = tensor(32, 512);
        dh = tensor(32, 128);
        dc = tensor(32, 128);
        dGates = tensor(32, 512);
        dcPrev = tensor(32, 128);
        gemmA = tensor(50, 500);
        gemmB = tensor(500, 4096);
        gemmC = tensor(50, 4096);
    }

    private Conv conv(int[] x, int[] w) {
        ConvSpec spec = ConvSpec.unit();
        int[] y = spec.outputShape(x, w);
        return new Conv(spec, tensor(x), tensor(w), tensor(1, w[0], 1, 1), tensor(y), tensor(y), tensor(x), tensor(w),
                tensor(1, w[0], 1, 1));
    }

    private View tensor(int... shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        Buffer buffer = backend.allocate(DType.FLOAT32, n);
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextFloat() - 0.5f;
        }
        backend.upload(values, 0, buffer, 0, n);
        buffers.add(buffer);
        return View.contiguous(buffer, shape);
    }

    /** Forward with bias, then dW, db and (if wanted) dX. */
    private Buffer step(Conv l, boolean dataGradient) {
        backend.convForward(l.spec(), l.x(), l.w(), l.y());
        View bias = new View(l.b().buffer(), l.y().shape(), new int[] {0, 1, 0, 0}, 0);
        backend.binary(BinaryOp.ADD, l.y(), bias, l.y());
        backend.convBackwardFilter(l.spec(), l.x(), l.dy(), l.dw());
        backend.reduce(ReduceOp.SUM, l.dy(), new int[] {0, 2, 3}, l.db());
        if (dataGradient) {
            backend.convBackwardData(l.spec(), l.dy(), l.w(), l.dx());
        }
        return l.dw().buffer();
    }

    @Benchmark
    public Buffer lenetConv1() {
        return step(conv1, false);
    }

    @Benchmark
    public Buffer lenetConv2() {
        return step(conv2, true);
    }

    /** The parts of {@code lenetConv2}, to see where its time goes. */
    @Benchmark
    public Buffer conv2Forward() {
        backend.convForward(conv2.spec(), conv2.x(), conv2.w(), conv2.y());
        return conv2.y().buffer();
    }

    @Benchmark
    public Buffer conv2BackwardFilter() {
        backend.convBackwardFilter(conv2.spec(), conv2.x(), conv2.dy(), conv2.dw());
        return conv2.dw().buffer();
    }

    @Benchmark
    public Buffer conv2BackwardData() {
        backend.convBackwardData(conv2.spec(), conv2.dy(), conv2.w(), conv2.dx());
        return conv2.dx().buffer();
    }

    /** One GEMM with the shape and flops of {@code conv2Forward} lowered whole: [50,500]·[500,4096]. */
    @Benchmark
    public Buffer gemmLikeConv2() {
        backend.gemm(GemmSpec.plain(), gemmA, gemmB, gemmC);
        return gemmC.buffer();
    }

    @Benchmark
    public Buffer lstmCell() {
        backend.lstmCellForward(gates, cPrev, h, c, saved);
        backend.lstmCellBackward(dh, dc, saved, cPrev, c, dGates, dcPrev);
        return dGates.buffer();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        buffers.forEach(Buffer::close);
        backend.close();
    }
}
