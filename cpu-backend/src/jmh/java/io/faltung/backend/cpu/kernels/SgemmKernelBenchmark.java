package io.faltung.backend.cpu.kernels;

import io.faltung.backend.cpu.Parallel;
import io.faltung.backend.cpu.kernels.GemmKernel.GemmOperand;

import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The FLOAT32 GEMM with each micro-kernel side by side in one run, {@code C += A · B} row-major,
 * on the shapes that matter: square ({@code 1024x1024x1024}, as {@code SgemmBenchmark}), an LSTM
 * gate product ({@code 32x512x128}: batch 32, 4·128 gates, hidden 128) and a LeNet conv2 forward
 * batch ({@code 50x2048x500}). Shapes are {@code MxNxK}. Time per product; {@code kernel=default}
 * is what the backend uses on this machine. Threads: {@code -Dfaltung.cpu.threads}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 6, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
public class SgemmKernelBenchmark {
    @Param({"default", "vector256", "scalar"})
    String kernel;

    @Param({"1024x1024x1024", "32x512x128", "50x2048x500"})
    String shape;

    private Parallel pool;
    private SgemmMicroKernel micro;
    private int m;
    private int n;
    private int k;
    private GemmOperand a;
    private GemmOperand b;
    private GemmOperand c;

    @Setup(Level.Trial)
    public void setUp() {
        pool = new Parallel(Parallel.defaultThreads());
        micro = switch (kernel) {
            case "default" -> Sgemm.KERNEL;
            case "vector256" -> SgemmVectorKernel.INSTANCE;
            case "scalar" -> SgemmScalarKernel.INSTANCE;
            default -> throw new IllegalArgumentException("kernel " + kernel);
        };
        String[] mnk = shape.split("x");
        m = Integer.parseInt(mnk[0]);
        n = Integer.parseInt(mnk[1]);
        k = Integer.parseInt(mnk[2]);
        a = GemmOperand.rowMajor(random(m * k), 0, m, k);
        b = GemmOperand.rowMajor(random(k * n), 0, k, n);
        c = GemmOperand.rowMajor(new float[m * n], 0, m, n);
    }

    private static float[] random(int size) {
        Random random = new Random(size);
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = random.nextFloat() - 0.5f;
        }
        return values;
    }

    @Benchmark
    public Object gemm() {
        Sgemm.multiply(pool, micro, 1f, a, b, c, 1, m, n, k);
        return c.array();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
    }
}
