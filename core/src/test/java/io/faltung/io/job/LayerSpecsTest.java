package io.faltung.io.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faltung.io.InvalidFormatException;
import io.faltung.nn.Sequential;
import io.faltung.tensor.Shape;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The layers a job file can describe, and how a wrong one is reported. */
class LayerSpecsTest {
    private static String model(String job) throws InvalidFormatException {
        try (Sequential model = JobSpec.parse("job.json", job).newModel()) {
            return model.toString();
        }
    }

    @Test
    void imageLayers() throws Exception {
        String layers = """
                {"type": "conv2d", "filters": 4, "kernel_size": [3, 2], "stride": [1, 2], "padding": "same",
                 "dilation": 1, "groups": 2, "activation": "relu", "bias": false},
                {"type": "batch_normalization", "momentum": 0.5, "epsilon": 0.001},
                {"type": "max_pool2d", "pool_size": 2, "padding": "same"},
                {"type": "avg_pool2d", "pool_size": [2, 1], "stride": 1, "padding": [1, 0]},
                {"type": "conv2d", "filters": 3, "kernel_size": 1},
                {"type": "global_average_pooling2d"},
                {"type": "batch_normalization", "affine": false},
                {"type": "dense", "units": 3}
                """;
        assertEquals("Sequential(Conv2D(4, 3x2, stride 1x2, same, groups 2, relu, no bias), BatchNormalization(momentum"
                + " 0.5, epsilon 0.001), MaxPool2D(2, same), AvgPool2D(2x1, stride 1, padding 1x0), Conv2D(3, 1),"
                + " GlobalAveragePooling2D(), BatchNormalization(no affine), Dense(3))",
                model(JobFiles.withLayers("[2, 6, 8]", layers, 1)));
    }

    @Test
    void signalAndSequenceLayers() throws Exception {
        String layers = """
                {"type": "reshape", "shape": [2, -1]},
                {"type": "conv1d", "filters": 4, "kernel_size": 3, "padding": "causal", "dilation": 2},
                {"type": "max_pool1d", "pool_size": 2},
                {"type": "avg_pool1d", "pool_size": 2, "stride": 1},
                {"type": "reshape", "shape": [-1, 4]},
                {"type": "lstm", "units": 5, "layers": 2, "dropout": 0.1, "return_sequences": true, "forget_bias": 1},
                {"type": "gru", "units": 4, "return_sequences": true, "truncate": 3, "bias": false},
                {"type": "simple_rnn", "units": 3, "activation": "relu"},
                {"type": "dense", "units": 3}
                """;
        assertEquals("Sequential(Reshape(2, -1), Conv1D(4, 3, causal, dilation 2), MaxPool1D(2), AvgPool1D(2, stride 1),"
                + " Reshape(-1, 4), LSTM(5, forget_bias=1.0, layers=2, dropout=0.1, sequences), GRU(4, sequences,"
                + " truncate=3, no bias), SimpleRNN(3, relu), Dense(3))", model(JobFiles.withLayers("[16]", layers, 1)));
        assertEquals("Sequential(GlobalAveragePooling1D(), Dense(3))", model(JobFiles.withLayers("[2, 5]",
                "{\"type\": \"global_average_pooling1d\"}, {\"type\": \"dense\", \"units\": 3}", 1)));
    }

    static Stream<Arguments> badLayers() {
        String image = "[1, 8, 8]";
        String conv = "{\"type\": \"conv2d\", \"filters\": 4, \"kernel_size\": 3%s}, {\"type\": \"flatten\"}, "
                + "{\"type\": \"dense\", \"units\": 3}";
        return Stream.of(
                Arguments.of("kernel array too long", image, conv.formatted("").replace("3}", "[3, 3, 3]}"),
                        "\"model.layers[0].kernel_size\" must be a whole number in [1, 4096] or an array of 2 of them,"
                                + " not an array of 3"),
                Arguments.of("bad kernel element", image, conv.formatted("").replace("3}", "[3, 0]}"),
                        "\"model.layers[0].kernel_size[1]\" must be in [1, 4096], not 0"),
                Arguments.of("kernel as text", image, conv.formatted("").replace("3}", "\"3\"}"),
                        "\"model.layers[0].kernel_size\" must be a whole number in [1, 4096] or an array of 2 of them,"
                                + " not the string \"3\""),
                Arguments.of("groups", image, conv.formatted(", \"groups\": 5"),
                        "\"model.layers[0].groups\" must be in [1, 4], not 5"),
                Arguments.of("groups not dividing", "[6, 8, 8]", conv.formatted("").replace("4,", "6,")
                        .replace("3}", "3, \"groups\": 4}"), "\"model.layers[0].groups\" must divide the 6 filters, not 4"),
                Arguments.of("input channels not divisible", "[3, 8, 8]", conv.formatted(", \"groups\": 2"),
                        "\"model.layers[0]\" does not fit: Conv2D(4, 3, groups 2) expects input channels divisible by"
                                + " its 2 groups but gets [3, 8, 8] from the data"),
                Arguments.of("causal 2-D", image, conv.formatted(", \"padding\": \"causal\""),
                        "\"model.layers[0].padding\" must be one of [full, same, valid], not \"causal\""),
                Arguments.of("unknown conv field", image, conv.formatted(", \"units\": 3"),
                        "\"model.layers[0].units\" is not a known field"),
                Arguments.of("conv on flat data", "[64]", conv.formatted(""),
                        "\"model.layers[0]\" does not fit: Conv2D(4, 3) expects a 3-D input [channels, height, width]"
                                + " per sample but gets [64] from the data"),
                Arguments.of("dense on images", image, "{\"type\": \"conv2d\", \"filters\": 2, \"kernel_size\": 3},"
                        + " {\"type\": \"dense\", \"units\": 3}", "\"model.layers[1]\" does not fit: Dense(3) expects a 1-D input per sample but gets [2, 6, 6] from"
                        + " model.layers[0] Conv2D(2, 3) — add Flatten() before it."),
                Arguments.of("image too small", "[1, 4, 4]", conv.formatted(", \"dilation\": 2"),
                        "\"model.layers[0]\" does not fit"),
                Arguments.of("pool padding", image, "{\"type\": \"max_pool2d\", \"pool_size\": 2, \"padding\": 2}",
                        "\"model.layers[0].padding\" must be smaller than the pool size 2 on each axis, not 2"),
                Arguments.of("pool padding mode", image, "{\"type\": \"avg_pool2d\", \"pool_size\": 2, \"padding\":"
                        + " \"full\"}", "\"model.layers[0].padding\" must be one of [same, valid], not \"full\""),
                Arguments.of("momentum", image, "{\"type\": \"batch_normalization\", \"momentum\": 0}, {\"type\":"
                        + " \"flatten\"}", "\"model.layers[0].momentum\" must be in (0, 1]"),
                Arguments.of("epsilon", image, "{\"type\": \"batch_normalization\", \"epsilon\": 0}",
                        "\"model.layers[0].epsilon\" must be positive, not 0"),
                Arguments.of("reshape size", "[12]", "{\"type\": \"reshape\", \"shape\": [5, 2]}",
                        "\"model.layers[0]\" does not fit: Reshape(5, 2) expects a sample of 10 values but gets [12]"),
                Arguments.of("reshape zero", "[12]", "{\"type\": \"reshape\", \"shape\": [0, 2]}",
                        "\"model.layers[0].shape[0]\" must be positive or -1 (inferred), not 0"),
                Arguments.of("reshape two unknowns", "[12]", "{\"type\": \"reshape\", \"shape\": [-1, -1]}",
                        "\"model.layers[0].shape\" may have one -1 (inferred) dimension, not 2"),
                Arguments.of("lstm on flat data", "[12]", "{\"type\": \"lstm\", \"units\": 4}",
                        "\"model.layers[0]\" does not fit: LSTM(4) expects a 2-D input per sample, [time, features]"),
                Arguments.of("lone dropout", "[3, 4]", "{\"type\": \"gru\", \"units\": 4, \"dropout\": 0.5}",
                        "\"model.layers[0].dropout\" acts between stacked layers"),
                Arguments.of("forget bias on a gru", "[3, 4]", "{\"type\": \"gru\", \"units\": 4, \"forget_bias\": 1}",
                        "\"model.layers[0].forget_bias\" is not a known field"),
                Arguments.of("rnn activation", "[3, 4]", "{\"type\": \"simple_rnn\", \"units\": 4, \"activation\":"
                        + " \"gelu\"}", "\"model.layers[0].activation\" \"gelu\" is not one of"),
                Arguments.of("stack depth", "[3, 4]", "{\"type\": \"lstm\", \"units\": 4, \"layers\": 0}",
                        "\"model.layers[0].layers\" must be in [1, 100], not 0"),
                Arguments.of("blobs shape vs features", "[2, 3], \"features\": 5", "{\"type\": \"flatten\"}",
                        "\"data.shape\" [2, 3] holds 6 values per sample, but \"features\" is 5"),
                Arguments.of("exploding size", "[1, 8, 8]", "{\"type\": \"conv2d\", \"filters\": 1048576,"
                        + " \"kernel_size\": 4096, \"dilation\": 4096, \"padding\": \"full\"}",
                        "\"model.layers[0]\" Conv2D(1048576, 4096, full, dilation 4096) would output [1048576, 16773128,"
                        + " 16773128] per sample: more than 16777216 per axis or 2147483647 values in all"),
                Arguments.of("later layer", "[1, 8, 8]", conv.formatted("") + ", {\"type\": \"lstm\", \"units\": 2}",
                        "\"model.layers[3]\" does not fit: LSTM(2) expects a 2-D input per sample, [time, features]"
                                + " but gets [3] from model.layers[2] Dense(3)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badLayers")
    void rejectsBadLayersNamingTheField(String why, String shape, String layers, String expected) {
        InvalidFormatException e = assertThrows(InvalidFormatException.class,
                () -> JobSpec.parse("job.json", JobFiles.withLayers(shape, layers, 1)));
        assertTrue(e.getMessage().startsWith("job.json: "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }

    @Test
    void theModelIsCheckedAgainstTheDataWithoutBuildingIt() throws Exception {
        JobSpec job = JobSpec.parse("job.json", JobFiles.withLayers("[1, 8, 8]",
                "{\"type\": \"conv2d\", \"filters\": 2, \"kernel_size\": 3}, {\"type\": \"flatten\"}", 1));
        try (Sequential model = job.newModel()) {
            assertTrue(!model.isBuilt());
            assertEquals(Shape.of(72), model.outputShapeFor(Shape.of(1, 8, 8)));
        }
    }
}
