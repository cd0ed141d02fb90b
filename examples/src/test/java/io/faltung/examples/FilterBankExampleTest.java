package io.faltung.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the filter-bank example on the real CPU backend for the N = 8, P = Q = 3 target (length 8N). */
class FilterBankExampleTest {

    @Test
    void designsAnEightBandBankWithFiftyOneDecibelsAndWritesItsFiles(@TempDir Path out) throws IOException {
        Map<String, Object> metrics = FilterBankExample.run(out, new FilterBankExample.Request(8, 3, 3, 1.5));
        double attenuation = (double) metrics.get("stopband_attenuation_db");
        assertTrue(attenuation >= 51, "worst subband stopband attenuation " + attenuation + " dB, target ≥ 51 dB");
        assertEquals(63, metrics.get("delay"));
        assertTrue((double) metrics.get("reconstruction_snr_db") >= 100, "SNR " + metrics.get("reconstruction_snr_db"));
        JsonObject bank = JsonParser.parseString(Files.readString(out.resolve("filterbank.json"))).getAsJsonObject();
        assertEquals(8, bank.get("subbands").getAsInt());
        assertEquals(8, bank.getAsJsonArray("analysis").size());
        assertEquals(8, bank.getAsJsonArray("synthesis").size());
        assertEquals(64, bank.getAsJsonArray("analysis").get(0).getAsJsonArray().size());
        assertEquals(64, bank.getAsJsonArray("prototype").size());
        JsonObject written = JsonParser.parseString(Files.readString(out.resolve("metrics.json"))).getAsJsonObject();
        assertEquals(attenuation, written.get("stopband_attenuation_db").getAsDouble());
        for (String png : new String[] {"filterbank-subbands.png", "filterbank-prototype.png", "filterbank-impulse.png"}) {
            assertTrue(Files.size(out.resolve(png)) > 1000, png + " written");
        }
    }
}
