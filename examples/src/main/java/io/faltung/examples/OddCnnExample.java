package io.faltung.examples;

import io.faltung.data.mnist.Mnist;
import io.faltung.loss.Loss;
import io.faltung.nn.Activation;
import io.faltung.nn.AvgPool2D;
import io.faltung.nn.Conv2D;
import io.faltung.nn.Dense;
import io.faltung.nn.Flatten;
import io.faltung.nn.IncompatibleInputException;
import io.faltung.nn.Layer;
import io.faltung.nn.MaxPool2D;
import io.faltung.nn.Padding;
import io.faltung.nn.Sequential;
import io.faltung.tensor.RandomStream;
import io.faltung.tensor.Shape;
import java.io.IOException;

/**
 * An odd mix of layers that shape inference must follow: Conv2D 7 maps 7×1 (leaky ReLU), average
 * pool 2×2, max pool 2×2, Conv2D 1 map 4×4 with stride 2 down × 3 across, Conv2D 1 map 2×2
 * (sigmoid), max pool 2×2, Flatten, Dense 100 (leaky ReLU), Dense 10 (sigmoid), Dense 101, Dense 10
 * (softmax). With {@code valid} convolutions the 2×2 kernel no longer fits and {@code build} says
 * so; with {@code same} convolutions it builds, prints its shapes and trains an epoch on MNIST.
 */
final class OddCnnExample implements Example {
    @Override
    public String name() {
        return "odd-cnn";
    }

    @Override
    public String description() {
        return "odd CNN (7x1 kernels, stride 2x3, pools, 4 dense layers): shapes inferred, 1 epoch of MNIST > chance";
    }

    @Override
    public void run(Run run) throws IOException {
        try (Sequential impossible = model(Padding.VALID)) {
            impossible.build(Shape.of(1, 28, 28));
            throw new IllegalStateException("the valid-padding variant should not build");
        } catch (IncompatibleInputException e) {
            System.out.println("with valid convolutions: " + e.getMessage() + "\n");
        }
        Mnist data = Mnist.load(Mnist.Layout.IMAGE);
        int epochs = run.epochs(1);
        try (Sequential model = model(Padding.SAME)) {
            model.build(Shape.of(1, 28, 28), new RandomStream(run.seed()));
            System.out.println("with same convolutions:\n" + model.summary());
            ClassifierTraining.run(run, "odd-cnn", model, data.train(), data.test(), epochs,
                    Loss.categoricalCrossEntropy());
            run.metrics().put("flatten_width", model.layers().get(6).outputShape().dim(0));
        }
    }

    private static Sequential model(Padding conv) {
        Activation leaky = Activation.leakyRelu(0.01);
        return new Sequential(new Layer[] {
            new Conv2D(7, 7, 1).padding(conv).activation(leaky), new AvgPool2D(2), new MaxPool2D(2),
            new Conv2D(1, 4).stride(2, 3).padding(conv),
            new Conv2D(1, 2).padding(conv).activation(Activation.SIGMOID), new MaxPool2D(2),
            new Flatten(), new Dense(100).activation(leaky), new Dense(10).activation(Activation.SIGMOID),
            new Dense(101), new Dense(10).activation(Activation.SOFTMAX)});
    }
}
