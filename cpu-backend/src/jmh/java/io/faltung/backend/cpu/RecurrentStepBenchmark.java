package io.faltung.backend.cpu;

import io.faltung.spi.Buffer;
import io.faltung.spi.DType;
import io.faltung.spi.GemmSpec;
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
 * The backend calls of {@code RecurrentBenchmark}'s LSTM (B 32, T 50, I 32, H 128) one at a time,
 * FLOAT32, in microseconds per call, to see where a step's time goes:
 * <ul>
 *   <li>{@code stepGemm}: one forward step's {@code gates_t += h_t · Whhᵀ} (32×128 · 128×512);</li>
 *   <li>{@code stepGemmBackward}: one backward step's {@code dh += dGates_t · Whh} (32×512 · 512×128);</li>
 *   <li>{@code cellForward}, {@code cellBackward}: one step's fused cell (32×128 units);</li>
 *   <li>{@code weightGradient}: {@code dWhh = dGatesᵀ · H} over all 1600 rows (512×1600 · 1600×128);</li>
 *   <li>{@code inputGradient}: {@code dx = dGates · Wih} over all rows (1600×512 · 512×32).</li>
 * </ul>
 * A whole layer's forward+backward makes 50 of each step call and one of each whole-sequence call.
 * Threads: {@code -Dfaltung.cpu.threads}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
public class RecurrentStepBenchmark {
    private static final int B = 32;
    private static final int T = 50;
    private static final int I = 32;
    private static final int H = 128;

    private CpuBackend backend;
    private final List<Buffer> buffers = new ArrayList<>();
    private final Random random = new Random(11);
    private View h;
    private View whhT;
    private View whh;
    private View gates;
    private View dGates;
    private View dh;
    private View c;
    private View cPrev;
    private View saved;
    private View dcPrev;
    private View allGates;
    private View allStates;
    private View dWhh;
    private View wih;
    private View dx;

    @Setup(Level.Trial)
    public void setUp() {
        backend = new CpuBackend(Parallel.defaultThreads());
        h = matrix(B, H);
        whhT = matrix(H, 4 * H);
        whh = matrix(4 * H, H);
        gates = matrix(B, 4 * H);
        dGates = matrix(B, 4 * H);
        dh = matrix(B, H);
        c = matrix(B, H);
        cPrev = matrix(B, H);
        saved = matrix(B, 4 * H);
        dcPrev = matrix(B, H);
        allGates = matrix(T * B, 4 * H);
        allStates = matrix(T * B, H);
        dWhh = matrix(4 * H, H);
        wih = matrix(4 * H, I);
        dx = matrix(T * B, I);
        backend.lstmCellForward(gates, cPrev, h, c, saved);
    }

    private View matrix(int rows, int cols) {
        Buffer buffer = backend.allocate(DType.FLOAT32, (long) rows * cols);
        buffers.add(buffer);
        float[] values = new float[rows * cols];
        for (int i = 0; i < values.length; i++) {
            values[i] = (random.nextFloat() - 0.5f) * 0.2f;
        }
        backend.upload(values, 0, buffer, 0, values.length);
        return View.contiguous(buffer, rows, cols);
    }

    @Benchmark
    public Buffer stepGemm() {
        backend.gemm(GemmSpec.plain(), h, whhT, gates);
        return gates.buffer();
    }

    @Benchmark
    public Buffer stepGemmBackward() {
        backend.gemm(GemmSpec.plain(), dGates, whh, dh);
        return dh.buffer();
    }

    @Benchmark
    public Buffer cellForward() {
        backend.lstmCellForward(gates, cPrev, h, c, saved);
        return h.buffer();
    }

    @Benchmark
    public Buffer cellBackward() {
        backend.lstmCellBackward(dh, cPrev, saved, cPrev, c, dGates, dcPrev);
        return dGates.buffer();
    }

    @Benchmark
    public Buffer weightGradient() {
        backend.gemm(GemmSpec.of(true, false), allGates, allStates, dWhh);
        return dWhh.buffer();
    }

    @Benchmark
    public Buffer inputGradient() {
        backend.gemm(GemmSpec.plain(), allGates, wih, dx);
        return dx.buffer();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        buffers.forEach(Buffer::close);
        backend.close();
    }
}
