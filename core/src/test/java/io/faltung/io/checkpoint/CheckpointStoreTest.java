package io.faltung.io.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faltung.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointStoreTest {
    @TempDir
    Path root;

    private static CheckpointStore.Writer oneFile(int value) {
        return dir -> AtomicFiles.write(dir.resolve("value"), new byte[] {(byte) value});
    }

    private List<String> names() throws IOException {
        try (var s = Files.list(root)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void keepsTheLastKInStepOrder() throws IOException {
        CheckpointStore store = new CheckpointStore(root, 2);
        for (long step : new long[] {5, 10, 100, 1000}) {
            store.save(step, oneFile((int) step));
        }
        assertEquals(List.of("step-000000000100", "step-000000001000"), names());
        assertEquals(1000, CheckpointStore.stepOf(store.latest().orElseThrow()));
        assertArrayEquals(new byte[] {(byte) 1000}, Files.readAllBytes(store.latest().orElseThrow().resolve("value")));
    }

    @Test
    void aFailedSaveLeavesThePreviousCheckpointsAndNoStaging() throws IOException {
        CheckpointStore store = new CheckpointStore(root, 3);
        store.save(1, oneFile(1));
        assertThrows(IOException.class, () -> store.save(2, dir -> {
            AtomicFiles.write(dir.resolve("half"), new byte[] {1});
            throw new IOException("killed");
        }));
        assertEquals(List.of("step-000000000001"), names());
    }

    @Test
    void savingTheSameStepAgainReplacesIt() throws IOException {
        CheckpointStore store = new CheckpointStore(root, 3);
        store.save(7, oneFile(1));
        Path again = store.save(7, oneFile(2));
        assertArrayEquals(new byte[] {2}, Files.readAllBytes(again.resolve("value")));
        assertEquals(List.of("step-000000000007"), names());
    }

    @Test
    void leftoversOfAKilledSaveAreRemovedAndUnrelatedFilesKept() throws IOException {
        Files.createDirectories(root.resolve(".step-000000000009.tmp"));
        Files.createDirectories(root.resolve(".retired-step-000000000001.tmp"));
        Files.createDirectories(root.resolve("notes"));
        Files.createDirectories(root.resolve("step-000000000003"));
        CheckpointStore store = new CheckpointStore(root, 1);
        assertEquals(List.of("notes", "step-000000000003"), names());
        assertEquals(List.of(root.resolve("step-000000000003")), store.list());
        assertFalse(CheckpointStore.stepOf(root.resolve("notes")) >= 0);
        assertTrue(CheckpointStore.directoryName(42).endsWith("42"));
        assertThrows(IllegalArgumentException.class, () -> new CheckpointStore(root, 0));
    }
}
