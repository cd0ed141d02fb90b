package io.faltung.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faltung.spi.ConvSpec;
import io.faltung.spi.DType;
import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** conv2d / conv1d: gradients by central differences, strided inputs, shapes and messages. */
class ConvolutionTest extends LayerOpsFixture {

    @Test
    void gradientsOfInputAndFiltersWithStridePaddingDilation() {
        ConvSpec spec = new ConvSpec(2, 1, 1, 2, 1, 2, 1);
        check.check("conv2d stride/pad/dilation", in -> Convolution.conv2d(in[0], in[1], spec), input(2, 3, 6, 5),
                input(4, 3, 3, 2));
    }

    @Test
    void gradientsWithGroupsAndAsymmetricKernel() {
        ConvSpec spec = new ConvSpec(1, 2, 0, 1, 1, 1, 2);
        check.check("conv2d groups 2, 3x1", in -> Convolution.conv2d(in[0], in[1], spec).tanh(), input(1, 4, 5, 5),
                input(6, 2, 3, 1));
    }

    @Test
    void gradientsFlowThroughNonContiguousInputsAndABias() {
        // x arrives permuted (NHWC storage viewed as NCHW), the filters flipped; a bias is a broadcast add
        ConvSpec spec = new ConvSpec(1, 1, 1, 1, 1, 1, 1);
        check.check("conv2d of views + bias", in -> Convolution.conv2d(in[0].permute(0, 3, 1, 2), in[1].flip(2, 3), spec)
                .add(in[2].reshape(1, 2, 1, 1)), input(2, 4, 3, 3), input(2, 3, 3, 3), input(2));
    }

    @Test
    void oneDimensionalConvolutionIsTheHeightOneCase() {
        Tensor x = input(2, 3, 10);
        Tensor w = input(4, 3, 3);
        ConvSpec spec = new ConvSpec(1, 2, 0, 1, 1, 2, 1);
        Tensor y = Convolution.conv1d(x, w, spec);
        assertEquals(Shape.of(2, 4, 4), y.shape());
        Tensor y2 = Convolution.conv2d(x.reshape(2, 3, 1, 10), w.reshape(4, 3, 1, 3), spec);
        assertArrayEquals(y2.toDoubleArray(), y.toDoubleArray());
        check.check("conv1d", in -> Convolution.conv1d(in[0], in[1], spec), input(1, 2, 7), input(3, 2, 2));
    }

    @Test
    void stridedInputsGiveTheSameValuesAsContiguousOnes() {
        Tensor nhwc = input(2, 5, 4, 3);
        Tensor w = input(2, 3, 2, 2);
        Tensor viewed = Convolution.conv2d(nhwc.permute(0, 3, 1, 2), w, ConvSpec.unit());
        Tensor copied = Convolution.conv2d(nhwc.permute(0, 3, 1, 2).contiguous(), w, ConvSpec.unit());
        assertArrayEquals(copied.toDoubleArray(), viewed.toDoubleArray());
    }

    @Test
    void shapeErrorsNameTheOpAndBothShapes() {
        Tensor x = input(2, 3, 8, 8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Convolution.conv2d(x, input(4, 2, 3, 3), ConvSpec.unit()));
        assertTrue(e.getMessage().startsWith("conv2d: convolution channels do not match"), e.getMessage());
        assertTrue(e.getMessage().contains("[2, 3, 8, 8]") && e.getMessage().contains("[4, 2, 3, 3]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Convolution.conv2d(x, input(1, 3, 9, 9), ConvSpec.unit()));
        assertTrue(e.getMessage().contains("do not fit in the padded input"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Convolution.conv1d(x, input(1, 3, 3), ConvSpec.unit()));
        assertTrue(e.getMessage().startsWith("conv1d needs input [N, C, L]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Convolution.conv2d(x, input(1, 3, 3, 3).to(DType.FLOAT32), ConvSpec.unit()));
        assertTrue(e.getMessage().contains("dtypes differ"), e.getMessage());
    }
}
