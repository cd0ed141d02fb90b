package io.faltung.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faltung.spi.Backend;
import org.junit.jupiter.api.Test;

class EarlyBackendTest {
    @Test
    void findsTheBackendOptionInEitherForm() {
        assertEquals("cpu", EarlyBackend.option(new String[] {"mnist-cnn", "--backend", "cpu", "--epochs", "1"}));
        assertEquals("cuda", EarlyBackend.option(new String[] {"--backend=cuda", "mnist-cnn"}));
        assertNull(EarlyBackend.option(new String[] {"mnist-cnn", "--backend"}));
        assertNull(EarlyBackend.option(new String[] {"mnist-cnn"}));
    }

    @Test
    void handsTheEarlyBackendOverOnlyForTheSamePolicy() {
        EarlyBackend.start(new String[] {"neuron", "--backend", "cpu"});
        assertTrue(EarlyBackend.pending());
        try (Backend early = EarlyBackend.select("cpu")) {
            assertEquals("cpu", early.name());
            assertFalse(EarlyBackend.pending(), "handed over once only");
        }
        EarlyBackend.start(new String[] {"neuron", "--backend", "cpu"});
        assertThrows(IllegalArgumentException.class, () -> EarlyBackend.select("no-such-backend"),
                "a different option is selected anew (and the early backend closed)");
        assertFalse(EarlyBackend.pending());
    }

    @Test
    void opensNothingEarlyUnlessTheCpuIsAskedFor() {
        EarlyBackend.start(new String[] {"neuron", "--backend", "no-such-backend"});
        assertFalse(EarlyBackend.pending());
        EarlyBackend.start(new String[] {"neuron", "--backend", "cuda"});
        assertFalse(EarlyBackend.pending(), "a GPU backend is opened on the thread that uses it");
    }
}
