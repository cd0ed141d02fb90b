package io.faltung.backend.cuda.library;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The renaming of JCudnn's 11.7.0 native library to the name JCudnn asks for next to JCuda 12.6.0 (no GPU needed). */
class JCudnnNativesTest {
    private static final String BUNDLED = "/lib/libJCudnn-11.7.0-linux-x86_64.so";

    @Test
    void jcudnnAsksForTheJCudaVersionsName() {
        assertEquals("JCudnn-12.6.0-linux-x86_64", JCudnnNatives.expectedName());
    }

    @Test
    void installsTheBundledLibraryUnderTheExpectedNameAndReplacesStaleFiles(@TempDir Path dir) throws IOException {
        byte[] bundled;
        try (InputStream in = JCudnnNatives.class.getResourceAsStream(BUNDLED)) {
            String provided = JCudnnNatives.findOnLibraryPath(System.mapLibraryName(JCudnnNatives.expectedName()));
            Assumptions.assumeTrue(in != null || provided == null,
                    () -> "no renaming needed: " + provided + " is on java.library.path (the GPU kit)");
            assertNotNull(in, "jcudnn-natives 11.7.0 must be on the test class path");
            bundled = in.readAllBytes();
        }
        Path target = dir.resolve("libJCudnn-12.6.0-linux-x86_64.so");
        JCudnnNatives.install(BUNDLED, target);
        assertArrayEquals(bundled, Files.readAllBytes(target));

        FileTime written = FileTime.fromMillis(1_000_000L);
        Files.setLastModifiedTime(target, written);
        JCudnnNatives.install(BUNDLED, target);
        assertEquals(written, Files.getLastModifiedTime(target), "an identical file is left alone");

        Files.write(target, new byte[] {1, 2, 3});
        JCudnnNatives.install(BUNDLED, target);
        assertArrayEquals(bundled, Files.readAllBytes(target), "a stale file is replaced");
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary files are left behind");
        }
    }
}
