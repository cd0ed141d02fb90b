package io.faltung.examples;

import static io.faltung.examples.MainTest.assertPngs;
import static io.faltung.examples.MainTest.runExample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the convolution examples that need no downloaded data. */
class ConvExamplesTest {
    @TempDir
    Path dir;

    @Test
    void filterImageAveragesToTheKnownFourByFour() throws IOException {
        JsonObject m = runExample(dir, "filter-image");
        JsonArray valid = m.get("valid_output").getAsJsonArray();
        assertEquals(16, valid.size());
        double[] firstRow = {5, 52.0 / 9, 7, 58.0 / 9};
        for (int i = 0; i < 4; i++) {
            assertEquals(firstRow[i], valid.get(i).getAsDouble(), 1e-5);
        }
        assertEquals(36, m.get("same_output").getAsJsonArray().size());
    }

    @Test
    void rampBecomesASpikeAtSixteenAndStreamsIdentically() throws IOException {
        JsonObject m = runExample(dir, "ramp", "--epochs", "800");
        assertEquals(16, m.get("peak_index").getAsInt(), m.toString());
        assertTrue(m.get("streaming_max_abs_diff").getAsDouble() <= 1e-6, m.toString());
        assertTrue(m.get("valid_vs_causal_max_abs_diff").getAsDouble() < 0.02, m.toString());
        assertEquals(0, m.get("valid_with_causal_weights_max_abs_diff").getAsDouble(), 1e-6, m.toString());
        assertEquals(8, m.get("weights").getAsJsonArray().size());
        assertTrue(Files.isRegularFile(dir.resolve("ramp-weights.json")));
        assertPngs(dir, "ramp-output", "ramp-weights", "ramp-input");
    }
}
