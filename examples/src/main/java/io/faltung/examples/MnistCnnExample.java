package io.faltung.examples;

import io.faltung.data.mnist.Mnist;
import io.faltung.loss.Loss;
import io.faltung.nn.Activation;
import io.faltung.nn.Conv2D;
import io.faltung.nn.Dense;
import io.faltung.nn.Flatten;
import io.faltung.nn.MaxPool2D;
import io.faltung.nn.Sequential;
import io.faltung.optim.Adam;
import io.faltung.tensor.RandomStream;
import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;
import io.faltung.train.Callback;
import io.faltung.train.EpochStats;
import io.faltung.train.Evaluation;
import io.faltung.train.Fit;
import io.faltung.train.History;
import io.faltung.train.Metric;
import io.faltung.train.Training;
import java.io.IOException;
import java.lang.management.ManagementFactory;

/**
 * LeNet-like network on real MNIST: conv 5×5×20 – ReLU – max-pool 2 – conv 5×5×50 – ReLU –
 * max-pool 2 – dense 500 – ReLU – dense 10, softmax cross-entropy, Adam 1e-3, batch 64. Reaches
 * at least 99 % test accuracy. Plots the accuracy curves and the 20 first-layer kernels.
 */
final class MnistCnnExample implements Example {
    private static final int BATCH = 64;
    private static final double LEARNING_RATE = 1e-3;

    @Override
    public String name() {
        return "mnist-cnn";
    }

    @Override
    public String description() {
        return "LeNet-like CNN (conv 20 – pool – conv 50 – pool – dense 500 – 10) on real MNIST: >= 99 % test accuracy";
    }

    @Override
    public void run(Run run) throws IOException {
        Mnist data = Mnist.load(Mnist.Layout.IMAGE);
        int epochs = run.epochs(4);
        try (Sequential model = new Sequential(
                new Conv2D(20, 5).activation(Activation.RELU), new MaxPool2D(2),
                new Conv2D(50, 5).activation(Activation.RELU), new MaxPool2D(2),
                new Flatten(),
                new Dense(500).activation(Activation.RELU),
                new Dense(10))) {
            model.build(Shape.of(1, 28, 28), new RandomStream(run.seed()));
            System.out.println(model.summary());
            FirstStep firstStep = new FirstStep();
            History history = model.fit(data.train(), Fit.epochs(epochs).batchSize(BATCH)
                    .loss(Loss.softmaxCrossEntropy()).optimizer(new Adam(LEARNING_RATE))
                    .validation(data.test()).seed(run.seed()).callbacks(firstStep));
            Evaluation test = model.evaluate(data.test());
            System.out.printf("test accuracy %.4f, test loss %.4f%n", test.accuracy(), test.loss());

            double samples = 0;
            double seconds = 0;
            for (EpochStats e : history.epochs()) {
                samples += data.train().size();
                seconds += e.seconds();
            }
            run.metrics().put("test_accuracy", test.accuracy()).put("test_loss", test.loss())
                    .put("epochs", history.epochs().size()).put("batch_size", BATCH)
                    .put("learning_rate", LEARNING_RATE).put("parameters", model.parameterCount())
                    .put("train_samples_per_second", samples / seconds)
                    .put("seconds_to_first_step", firstStep.seconds)
                    .put("final_train_accuracy", history.last().accuracy());

            run.plot("mnist-cnn-accuracy", "Accuracy", "epoch", "accuracy")
                    .series("training (mean over the epoch)", history.values(Metric.ACCURACY))
                    .series("test (after the epoch)", history.values(Metric.VAL_ACCURACY)).save();
            run.plot("mnist-cnn-loss", "Softmax cross-entropy", "epoch", "loss")
                    .series("training (mean over the epoch)", history.values(Metric.LOSS))
                    .series("test (after the epoch)", history.values(Metric.VAL_LOSS)).save();
            Tensor kernels = model.parameters().get("conv2d_1.weight");
            KernelImage.save(run.image("mnist-cnn-kernels"), kernels.toFloatArray(), kernels.shape().toArray(), 10);
        }
    }

    /** Seconds from the start of the JVM to the end of the first training step. */
    private static final class FirstStep implements Callback {
        private double seconds = Double.NaN;

        @Override
        public void onStepEnd(Training training, int epoch, int step, double loss) {
            if (Double.isNaN(seconds)) {
                seconds = ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0;
            }
        }
    }
}
