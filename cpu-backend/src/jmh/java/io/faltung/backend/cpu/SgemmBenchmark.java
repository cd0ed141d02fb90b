package io.faltung.backend.cpu;

import io.faltung.spi.Buffer;
import io.faltung.spi.DType;
import io.faltung.spi.GemmSpec;
import io.faltung.spi.View;

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
 * SGEMM throughput of the CPU backend, {@code C = A · B} with square row-major N×N FLOAT32
 * matrices. One operation is {@code 2·N³} flops; {@code bench/gemm.sh} turns operations per second
 * into GFLOP/s and compares them with OpenBLAS in the same run. Threads: {@code -Dfaltung.cpu.threads}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 8, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
public class SgemmBenchmark {
    @Param({"256", "512", "1024"})
    int n;

    private CpuBackend backend;
    private View a;
    private View b;
    private View c;

    @Setup(Level.Trial)
    public void setUp() {
        backend = new CpuBackend(Parallel.defaultThreads());
        a = matrix(1);
        b = matrix(2);
        c = matrix(3);
    }

    private View matrix(long seed) {
        Buffer buffer = backend.allocate(DType.FLOAT32, (long) n * n);
        float[] values = new float[n * n];
        Random random = new Random(seed);
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextFloat() - 0.5f;
        }
        backend.upload(values, 0, buffer, 0, values.length);
        return View.contiguous(buffer, n, n);
    }

    @Benchmark
    public Buffer sgemm() {
        backend.gemm(GemmSpec.plain(), a, b, c);
        return c.buffer();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        a.buffer().close();
        b.buffer().close();
        c.buffer().close();
        backend.close();
    }
}
