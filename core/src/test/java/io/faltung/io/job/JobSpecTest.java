package io.faltung.io.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faltung.io.InvalidFormatException;
import io.faltung.nn.Sequential;
import io.faltung.optim.Adam;
import io.faltung.tensor.Shape;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JobSpecTest {
    @Test
    void parsesEverySection() throws Exception {
        JobSpec job = JobSpec.parse("job.json", JobFiles.small(3));
        assertEquals("blobs-test", job.name());
        assertEquals("auto", job.backend());
        assertEquals(9, job.seed());
        assertEquals(3, job.epochs());
        assertEquals(8, job.batchSize());
        assertEquals(3, job.checkpointEvery());
        assertEquals(2, job.keepLast());
        assertTrue(job.newOptimizer() instanceof Adam);
        try (Sequential model = job.newModel()) {
            model.build(Shape.of(2));
            assertEquals("Sequential(Dense(8, relu), Dropout(0.25), Dense(3))", model.toString());
        }
        var scheduler = job.newScheduler(job.newOptimizer());
        assertTrue(scheduler.schedule().at(0) < 0.05, "warm-up starts below the base rate");
        assertEquals(40, job.loadData().train().size());
        assertEquals(12, job.loadData().validation().size());
        assertEquals(job.json(), JobSpec.parse("copy", job.toJson()).json(), "toJson round-trips");
    }

    static Stream<Arguments> badJobs() {
        String ok = JobFiles.small(2);
        return Stream.of(
                Arguments.of("not JSON", "{", "is not valid JSON"),
                Arguments.of("not an object", "[1]", "must hold a JSON object"),
                Arguments.of("typo", ok.replace("\"epochs\"", "\"epoch\""), "\"epoch\" is not a known field"),
                Arguments.of("missing epochs", ok.replace("\"epochs\": 2,", ""), "\"epochs\" is missing"),
                Arguments.of("negative batch", ok.replace("\"batch_size\": 8", "\"batch_size\": -8"),
                        "\"batch_size\" must be in [1, 1000000], not -8"),
                Arguments.of("fractional epochs", ok.replace("\"epochs\": 2", "\"epochs\": 2.5"),
                        "\"epochs\" must be a whole number"),
                Arguments.of("huge number", ok.replace("\"epochs\": 2", "\"epochs\": 1e999999"),
                        "\"epochs\" must be a whole number"),
                Arguments.of("unknown layer", ok.replace("\"type\": \"flatten\"", "x").replace("\"type\": \"dropout\"",
                        "\"type\": \"conv9d\""), "\"model.layers[1].type\" \"conv9d\" is not a layer type"),
                Arguments.of("bad dropout", ok.replace("\"rate\": 0.25", "\"rate\": 1.5"),
                        "\"model.layers[1].rate\" must be in [0, 1)"),
                Arguments.of("unknown activation", ok.replace("\"relu\"", "\"swish\""), "\"swish\" is not one of"),
                Arguments.of("unknown loss", ok.replace("softmax_cross_entropy", "hinge"), "\"hinge\" is not one of"),
                Arguments.of("bad optimiser", ok.replace("\"adam\"", "\"adamax\""), "\"optimizer.name\" \"adamax\""),
                Arguments.of("zero learning rate", ok.replace("0.05", "0"), "\"optimizer.learning_rate\" must be positive"),
                Arguments.of("bad schedule", ok.replace("\"length\": 12", "\"length\": 0"),
                        "\"schedule.length\" must be in [1,"),
                Arguments.of("bad backend", ok.replace("\"seed\": 9", "\"seed\": 9, \"backend\": \"tpu\""),
                        "\"backend\" must be \"auto\", \"cpu\" or \"cuda\""),
                Arguments.of("wrong type", ok.replace("\"name\": \"blobs-test\"", "\"name\": 5"),
                        "\"name\" must be a string, not 5"),
                Arguments.of("trailing content", ok + " {}", "is not valid JSON"),
                Arguments.of("comment", "// job\n" + ok, "is not valid JSON"),
                Arguments.of("deep nesting", "{\"data\":" + "[".repeat(200_000), "is not valid JSON"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badJobs")
    void rejectsBadJobsNamingTheField(String why, String text, String expected) {
        InvalidFormatException e = assertThrows(InvalidFormatException.class, () -> JobSpec.parse("job.json", text));
        assertTrue(e.getMessage().startsWith("job.json: "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }
}
