package io.faltung.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private List<Path> listing(Path d) throws IOException {
        try (var s = Files.list(d)) {
            return s.sorted().toList();
        }
    }

    @Test
    void writesAndReplacesLeavingNoTemporaryFile() throws IOException {
        Path target = dir.resolve("sub/a.bin");
        AtomicFiles.write(target, new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(target));
        AtomicFiles.write(target, new byte[] {4});
        assertArrayEquals(new byte[] {4}, Files.readAllBytes(target));
        assertEquals(List.of(target), listing(target.getParent()));
    }

    @Test
    void aFailingWriterLeavesTheOldContentAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("a.bin");
        AtomicFiles.write(target, new byte[] {7, 7});
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write(new byte[100_000]);
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertArrayEquals(new byte[] {7, 7}, Files.readAllBytes(target));
        assertEquals(List.of(target), listing(dir));
    }

    @Test
    void publishesADirectoryOnceAndRecognisesTemporaryNames() throws IOException {
        Path staging = Files.createDirectory(dir.resolve(".staging.tmp"));
        assertTrue(AtomicFiles.isTemporary(staging));
        AtomicFiles.write(staging.resolve("x"), new byte[] {1});
        Path target = dir.resolve("final");
        AtomicFiles.publishDirectory(staging, target);
        assertFalse(Files.exists(staging));
        assertArrayEquals(new byte[] {1}, Files.readAllBytes(target.resolve("x")));
        assertFalse(AtomicFiles.isTemporary(target));
        Path again = Files.createDirectory(dir.resolve(".again.tmp"));
        assertThrows(FileAlreadyExistsException.class, () -> AtomicFiles.publishDirectory(again, target));
    }
}
