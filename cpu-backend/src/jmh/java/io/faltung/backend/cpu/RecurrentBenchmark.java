package io.faltung.backend.cpu;

import io.faltung.nn.Layer;
import io.faltung.nn.recurrent.GRU;
import io.faltung.nn.recurrent.LSTM;
import io.faltung.nn.recurrent.SimpleRNN;
import io.faltung.runtime.Backends;
import io.faltung.tensor.RandomStream;
import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;

import java.util.List;
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
 * A recurrent layer through the whole stack (layer, autograd, ops, CPU backend), FLOAT32: batch 32,
 * 50 steps, 32 input features, 128 hidden units — the LSTM row of PERFORMANCE.md (PyTorch CPU about
 * 9.5 ms, DL4J about 230 ms for forward+backward on 2 threads). {@code train} is forward, the sum of
 * the output sequence, backward into every parameter and the input (the work the PyTorch figure
 * measures); {@code forward} is the forward pass alone. Threads: {@code -Dfaltung.cpu.threads}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 8, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
public class RecurrentBenchmark {
    @Param({"lstm", "gru", "rnn"})
    String kind;

    private Layer layer;
    private Tensor x;
    private List<Tensor> parameters;

    @Setup(Level.Trial)
    public void setUp() {
        Backends.use(new CpuBackend(Parallel.defaultThreads()));
        layer = switch (kind) {
            case "lstm" -> new LSTM(128).returnSequences(true);
            case "gru" -> new GRU(128).returnSequences(true);
            default -> new SimpleRNN(128).returnSequences(true);
        };
        layer.build(Shape.of(50, 32), new RandomStream(1));
        x = io.faltung.tensor.Scope.unscoped(() -> new RandomStream(2).normal(Shape.of(32, 50, 32), 0, 1))
                .requiresGrad(true);
        parameters = List.copyOf(layer.parameters().values());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        layer.close();
        x.close();
    }

    @Benchmark
    public Tensor train() {
        try (io.faltung.tensor.Scope step = io.faltung.tensor.Scope.open()) {
            parameters.forEach(Tensor::zeroGrad);
            x.zeroGrad();
            layer.forward(x, true).sum().backward();
            return parameters.get(0).grad();
        }
    }

    @Benchmark
    public long forward() {
        try (io.faltung.tensor.Scope step = io.faltung.tensor.Scope.open()) {
            return layer.forward(x, true).size();
        }
    }
}
