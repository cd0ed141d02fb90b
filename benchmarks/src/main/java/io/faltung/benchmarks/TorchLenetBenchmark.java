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

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One LeNet training step in PyTorch CPU through DJL's {@link Trainer}, the peer of
 * {@link FaltungLenetBenchmark}: conv 5×5×20 – ReLU – max-pool 2 – conv 5×5×50 – ReLU – max-pool 2 –
 * dense 500 – ReLU – dense 10, softmax cross-entropy on sparse labels, Adam at 1e-3, a batch of 64
 * MNIST-shaped images. A step is what DJL's {@code EasyTrain.trainBatch} does without listeners:
 * forward, loss, backward, {@link Trainer#step()}; the loss is read back. The same batch every step
 * (data loading is not timed). Threads: {@code -Dai.djl.pytorch.num_threads} (see {@link Torch}).
 */
public class TorchLenetBenchmark extends TimedWork {
    private Torch torch;
    private Model model;
    private Trainer trainer;
    private NDArray images;
    private NDArray labels;

    @Setup(Level.Trial)
    public void setUp() {
        torch = Torch.open();
        SequentialBlock lenet = new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(KERNEL, KERNEL)).setFilters(CONV1_FILTERS).build())
                .add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
                .add(Conv2d.builder().setKernelShape(new Shape(KERNEL, KERNEL)).setFilters(CONV2_FILTERS).build())
                .add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(DENSE).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(CLASSES).build());
        model = Model.newInstance("lenet", Device.cpu(), "PyTorch");
        model.setBlock(lenet);
        trainer = model.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(LEARNING_RATE)).build()));
        trainer.initialize(new Shape(BATCH, 1, IMAGE, IMAGE));
        images = torch.array(uniform(11, count(BATCH, 1, IMAGE, IMAGE), 0, 1), BATCH, 1, IMAGE, IMAGE);
        int[] classes = labels(12, BATCH);
        float[] sparse = new float[BATCH];
        for (int i = 0; i < BATCH; i++) {
            sparse[i] = classes[i];
        }
        labels = torch.array(sparse, BATCH);
    }

    @Benchmark
    public float step() {
        float loss;
        try (NDManager step = torch.step(images, labels); GradientCollector collector = trainer.newGradientCollector()) {
            NDList predictions = trainer.forward(new NDList(images));
            NDArray value = trainer.getLoss().evaluate(new NDList(labels), predictions);
            collector.backward(value);
            loss = value.getFloat();
        }
        trainer.step();
        return loss;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        trainer.close();
        model.close();
        torch.close();
    }
}
