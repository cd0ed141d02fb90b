package io.faltung.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the filter-bank example on the real CPU backend for the N = 8, P = Q = 3 target (length 8N). */
class FilterBankExampleTest {

    @Test
    void designsAnEightBandBankWithFiftyOneDecibelsAndWritesItsFiles(@TempDir Path out) throws IOException {
        JsonObject m = MainTest.runExample(out, "filterbank", "--backend", "cpu", "--set", "subbands=8",
                "--set", "zero-delay=3", "--set", "max-delay=3", "--set", "edge=1.5");
        double attenuation = m.get("stopband_attenuation_db").getAsDouble();
        assertTrue(attenuation >= 51, "worst subband stopband attenuation " + attenuation + " dB, target ≥ 51 dB");
        assertTrue(m.get("prototype_attenuation_db").getAsDouble() >= attenuation, m.toString());
        assertEquals(63, m.get("delay").getAsInt());
        assertTrue(m.get("reconstruction_snr_db").getAsDouble() >= 100, m.toString());
        assertTrue(m.get("passband_ripple_db").getAsDouble() < 1.5, m.toString());
        assertEquals(8, m.get("subband_attenuation_db").getAsJsonArray().size());

        JsonObject bank = JsonParser.parseString(Files.readString(out.resolve("filterbank.json"))).getAsJsonObject();
        assertEquals(8, bank.get("subbands").getAsInt());
        for (String side : new String[] {"analysis", "synthesis"}) {
            JsonArray filters = bank.getAsJsonArray(side);
            assertEquals(8, filters.size(), side);
            for (int k = 0; k < 8; k++) {
                assertEquals(64, filters.get(k).getAsJsonArray().size(), side + " filter " + k);
            }
        }
        assertEquals(64, bank.getAsJsonArray("prototype").size());
        MainTest.assertPngs(out, "filterbank-subbands", "filterbank-prototype", "filterbank-impulse",
                "filterbank-loss");
    }
}
