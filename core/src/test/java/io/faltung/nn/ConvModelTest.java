package io.faltung.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faltung.tensor.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Shape inference and build-time errors of models made of convolution and pooling layers. */
class ConvModelTest {

    private static Sequential lenet(Layer... tail) {
        List<Layer> layers = new java.util.ArrayList<>(List.of(
                new Conv2D(20, 5).activation(Activation.RELU), new MaxPool2D(2),
                new Conv2D(50, 5).activation(Activation.RELU), new MaxPool2D(2)));
        layers.addAll(List.of(tail));
        return new Sequential(layers.toArray(Layer[]::new));
    }

    @Test
    void infersLeNetShapesAndParameterCounts() {
        Sequential model = lenet(new Flatten(), new Dense(500).activation(Activation.RELU), new Dense(10));
        assertEquals(Shape.of(10), model.build(Shape.of(1, 28, 28)));
        Summary s = model.summary();
        assertEquals(List.of(Shape.of(20, 24, 24), Shape.of(20, 12, 12), Shape.of(50, 8, 8), Shape.of(50, 4, 4),
                Shape.of(800), Shape.of(500), Shape.of(10)), s.rows().stream().map(Summary.Row::output).toList());
        assertEquals(List.of(520L, 0L, 25_050L, 0L, 0L, 400_500L, 5_010L),
                s.rows().stream().map(Summary.Row::parameters).toList());
        assertTrue(s.toString().contains("conv2d_1 Conv2D(20, 5, relu)"), s.toString());
        assertTrue(s.toString().endsWith("Total parameters: 431,080"), s.toString());
        assertEquals(List.of("conv2d_1.weight", "conv2d_1.bias", "conv2d_2.weight", "conv2d_2.bias", "dense_1.weight",
                "dense_1.bias", "dense_2.weight", "dense_2.bias"), List.copyOf(model.parameters().keySet()));
        model.close();
    }

    @Test
    void aDenseLayerFedFeatureMapsAsksForFlatten() {
        IncompatibleInputException e = assertThrows(IncompatibleInputException.class,
                () -> lenet(new Dense(500).activation(Activation.RELU), new Dense(10)).build(Shape.of(1, 28, 28)));
        assertEquals("Dense(500, relu) expects a 1-D input per sample but gets [50, 4, 4] from MaxPool2D(2)"
                + " — add Flatten() before it.", e.getMessage());
    }

    @Test
    void aKernelLargerThanItsInputFailsNamingBothShapes() {
        IncompatibleInputException e = assertThrows(IncompatibleInputException.class,
                () -> lenet(new Conv2D(10, 5)).build(Shape.of(1, 28, 28)));
        assertEquals("Conv2D(10, 5) expects at least 5x5 values per channel (kernel 5x5, padding valid) but gets"
                + " [50, 4, 4] from MaxPool2D(2) — use padding(Padding.SAME), a smaller kernel or less downsampling"
                + " before it.", e.getMessage());
        e = assertThrows(IncompatibleInputException.class,
                () -> new Sequential(new Conv1D(2, 5).dilation(3).padding(Padding.CAUSAL), new Conv1D(2, 4).dilation(2))
                        .build(Shape.of(1, 6)));
        assertEquals("Conv1D(2, 4, dilation 2) expects at least 7 values per channel (kernel 4 dilated by 2, padding"
                + " valid) but gets [2, 6] from Conv1D(2, 5, causal, dilation 3) — use padding(Padding.SAME), a smaller"
                + " kernel or less downsampling before it.", e.getMessage());
        e = assertThrows(IncompatibleInputException.class, () -> new MaxPool2D(3).build(Shape.of(4, 2, 9)));
        assertTrue(e.getMessage().startsWith("MaxPool2D(3) expects at least 3x3 values per channel but gets [4, 2, 9]"),
                e.getMessage());
    }

    @Test
    void aChannelMismatchNamesTheChannelsAndTheFix() {
        IncompatibleInputException e = assertThrows(IncompatibleInputException.class,
                () -> new Sequential(new Conv2D(10, 5), new Conv2D(50, 5).inputChannels(20)).build(Shape.of(1, 28, 28)));
        assertEquals("Conv2D(50, 5) expects 20 input channels ([channels, height, width] with channels = 20) but gets"
                + " [10, 24, 24] from Conv2D(10, 5) — make the previous layer produce 20 channels, or declare"
                + " inputChannels(10).", e.getMessage());
        e = assertThrows(IncompatibleInputException.class, () -> new Conv2D(4, 3).groups(4).build(Shape.of(6, 8, 8)));
        assertEquals("Conv2D(4, 3, groups 4) expects input channels divisible by its 4 groups but gets [6, 8, 8]"
                + " — use a number of groups that divides both 6 and 4.", e.getMessage());
        e = assertThrows(IncompatibleInputException.class, () -> new Conv2D(4, 3).build(Shape.of(28, 28)));
        assertEquals("Conv2D(4, 3) expects a 3-D input [channels, height, width] per sample but gets [28, 28]"
                + " — add a channel axis, e.g. reshape each sample to [1, 28, 28].", e.getMessage());
        e = assertThrows(IncompatibleInputException.class, () -> new Conv1D(4, 3).build(Shape.of(1, 28, 28)));
        assertTrue(e.getMessage().endsWith("— use Conv2D for images."), e.getMessage());
    }

    @Test
    void anOddMixOfKernelsStridesAndPoolsInfersItsShapes() {
        Activation leaky = Activation.leakyRelu(0.01);
        Sequential model = new Sequential(
                new Conv2D(7, 7, 1).padding(Padding.SAME).activation(leaky), new AvgPool2D(2), new MaxPool2D(2),
                new Conv2D(1, 4).stride(2, 3).padding(Padding.SAME),
                new Conv2D(1, 2).padding(Padding.SAME).activation(Activation.SIGMOID), new MaxPool2D(2),
                new Flatten(), new Dense(100).activation(leaky), new Dense(10).activation(Activation.SIGMOID),
                new Dense(101), new Dense(10).activation(Activation.SOFTMAX));
        model.build(Shape.of(1, 28, 28));
        assertEquals(List.of(Shape.of(7, 28, 28), Shape.of(7, 14, 14), Shape.of(7, 7, 7), Shape.of(1, 4, 3),
                Shape.of(1, 4, 3), Shape.of(1, 2, 1), Shape.of(2), Shape.of(100), Shape.of(10), Shape.of(101),
                Shape.of(10)), model.summary().rows().stream().map(Summary.Row::output).toList());
        assertEquals(Shape.of(7, 1, 7, 1), model.parameters().get("conv2d_1.weight").shape());
        model.close();
    }
}
