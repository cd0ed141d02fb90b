package io.faltung.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunSettingsTest {

    @Test
    void settingsAreReadWithDefaultsAndUnreadOnesAreReported() {
        Run run = new Run(Path.of("."), 1, null, Map.of("subbands", "32", "edge", "1.25", "typo", "3"));
        assertEquals(32, run.setting("subbands", 8));
        assertEquals(1.25, run.setting("edge", 1.5));
        assertEquals(5, run.setting("zero-delay", 5));
        assertEquals(List.of("typo"), run.unusedSettings());
    }

    @Test
    void aMalformedSettingNamesItself() {
        Run run = new Run(Path.of("."), 1, null, Map.of("subbands", "eight"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run.setting("subbands", 8));
        assertTrue(e.getMessage().contains("subbands=eight"), e.getMessage());
    }
}
