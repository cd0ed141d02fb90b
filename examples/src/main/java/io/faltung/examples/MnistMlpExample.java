package io.faltung.examples;

import io.faltung.data.mnist.Mnist;
import io.faltung.loss.Loss;
import io.faltung.nn.Activation;
import io.faltung.nn.Dense;
import io.faltung.nn.Sequential;
import io.faltung.tensor.RandomStream;
import io.faltung.tensor.Shape;
import java.io.IOException;

/**
 * A dense network (784 → 256 ReLU → 128 ReLU → 10) trained on real MNIST with softmax
 * cross-entropy and Adam, evaluated on the 10 000 test images after every epoch. Reaches about
 * 98 % test accuracy in 5 epochs.
 */
final class MnistMlpExample implements Example {
    @Override
    public String name() {
        return "mnist-mlp";
    }

    @Override
    public String description() {
        return "dense network 784-256-128-10 on real MNIST (fetched once): about 98 % test accuracy in 5 epochs";
    }

    @Override
    public void run(Run run) throws IOException {
        Mnist data = Mnist.load();
        int epochs = run.epochs(5);
        try (Sequential model = new Sequential(
                new Dense(256).activation(Activation.RELU),
                new Dense(128).activation(Activation.RELU),
                new Dense(10))) {
            model.build(Shape.of(784), new RandomStream(run.seed()));
            System.out.println(model.summary());
            ClassifierTraining.run(run, "mnist-mlp", model, data.train(), data.test(), epochs, Loss.softmaxCrossEntropy());
        }
    }
}
