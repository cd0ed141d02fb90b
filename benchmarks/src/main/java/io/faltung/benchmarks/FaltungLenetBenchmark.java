package io.faltung.benchmarks;

import static io.faltung.benchmarks.Workloads.BATCH;
import static io.faltung.benchmarks.Workloads.CLASSES;
import static io.faltung.benchmarks.Workloads.CONV1_FILTERS;
import static io.faltung.benchmarks.Workloads.CONV2_FILTERS;
import static io.faltung.benchmarks.Workloads.DENSE;
import static io.faltung.benchmarks.Workloads.IMAGE;
import static io.faltung.benchmarks.Workloads.KERNEL;
import static io.faltung.benchmarks.Workloads.LEARNING_RATE;
import static io.faltung.benchmarks.Workloads.count;
import static io.faltung.benchmarks.Workloads.labels;
import static io.faltung.benchmarks.Workloads.uniform;

import io.faltung.autograd.NoGrad;
import io.faltung.loss.Loss;
import io.faltung.nn.Activation;
import io.faltung.nn.Conv2D;
import io.faltung.nn.Dense;
import io.faltung.nn.Flatten;
import io.faltung.nn.MaxPool2D;
import io.faltung.nn.Sequential;
import io.faltung.optim.Adam;
import io.faltung.spi.Backend;
import io.faltung.tensor.RandomStream;
import io.faltung.tensor.Scope;
import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;

import java.util.List;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One LeNet training step through Faltung's whole stack, the model of {@code mnist-cnn} and of
 * {@link TorchLenetBenchmark}: conv 5×5×20 – ReLU – max-pool 2 – conv 5×5×50 – ReLU – max-pool 2 –
 * dense 500 – ReLU – dense 10, softmax cross-entropy, Adam at 1e-3, a batch of 64 MNIST-shaped
 * images. A step is what {@code Sequential.fit} does per batch: zero the gradients, forward, loss,
 * backward, the optimiser step (without gradient recording), all intermediates freed with the step's
 * scope; the loss is read back. The same batch every step (data loading is not timed).
 * Threads: {@code -Dfaltung.cpu.threads}.
 */
public class FaltungLenetBenchmark extends TimedWork {
    private Backend backend;
    private Sequential model;
    private List<Tensor> parameters;
    private Adam adam;
    private Loss loss;
    private Tensor images;
    private Tensor targets;

    @Setup(Level.Trial)
    public void setUp() {
        backend = Faltung.open();
        model = new Sequential(
                new Conv2D(CONV1_FILTERS, KERNEL).activation(Activation.RELU), new MaxPool2D(2),
                new Conv2D(CONV2_FILTERS, KERNEL).activation(Activation.RELU), new MaxPool2D(2),
                new Flatten(),
                new Dense(DENSE).activation(Activation.RELU),
                new Dense(CLASSES));
        model.build(Shape.of(1, IMAGE, IMAGE), new RandomStream(1));
        parameters = List.copyOf(model.parameters().values());
        adam = new Adam(LEARNING_RATE);
        loss = Loss.softmaxCrossEntropy();
        images = Faltung.tensor(uniform(11, count(BATCH, 1, IMAGE, IMAGE), 0, 1), BATCH, 1, IMAGE, IMAGE);
        float[] oneHot = new float[BATCH * CLASSES];
        int[] classes = labels(12, BATCH);
        for (int i = 0; i < BATCH; i++) {
            oneHot[i * CLASSES + classes[i]] = 1;
        }
        targets = Faltung.tensor(oneHot, BATCH, CLASSES);
    }

    @Benchmark
    public double step() {
        try (Scope step = Scope.open()) {
            parameters.forEach(Tensor::zeroGrad);
            Tensor value = loss.compute(model.forward(images, true), targets);
            value.backward();
            try (NoGrad ignored = NoGrad.enter()) {
                adam.step(parameters);
            }
            return value.item();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        images.close();
        targets.close();
        model.close();
        backend.close();
    }
}
