package io.faltung.backend.cuda.library;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import jcuda.JCudaVersion;
import jcuda.LibUtils;

/**
 * Makes JCudnn's native library loadable next to JCuda 12.6.0.
 *
 * <p>JCudnn 11.7.0 (the newest on Maven Central) loads {@code "JCudnn-" + JCudaVersion.get()}, i.e.
 * {@code JCudnn-12.6.0-linux-x86_64} next to jcuda 12.6.0, but its natives jar holds
 * {@code libJCudnn-11.7.0-linux-x86_64.so}. JCuda's loader tries {@code java.library.path} first and
 * then {@code java.io.tmpdir/lib<name>.so}, extracting that file from the class path only when it does
 * not exist. So, unless a library of the expected name is on {@code java.library.path} (the CUDA 13 kit
 * puts a patched one there) or on the class path, this class writes the 11.7.0 library to
 * {@code java.io.tmpdir} under the expected name (replacing a stale file atomically) and
 * {@link System#load loads} it, before the first use of {@code JCudnn}. Idempotent.
 */
public final class JCudnnNatives {
    /** The JCudnn natives version on the class path (the parent POM's {@code jcudnn.version}). */
    public static final String BUNDLED_VERSION = "11.7.0";
    private static boolean prepared;

    private JCudnnNatives() {
    }

    /** The platform library name JCudnn will ask for, e.g. {@code JCudnn-12.6.0-linux-x86_64}. */
    public static String expectedName() {
        return LibUtils.createPlatformLibraryName("JCudnn-" + JCudaVersion.get());
    }

    /** Prepares and loads the library if JCuda's own search would not find it; returns what it did. */
    public static synchronized String prepare() throws IOException {
        if (prepared) {
            return "already prepared";
        }
        String expected = expectedName();
        String fileName = System.mapLibraryName(expected);
        String onPath = findOnLibraryPath(fileName);
        if (onPath != null) {
            prepared = true;
            return "JCudnn will load " + onPath + " from java.library.path";
        }
        if (JCudnnNatives.class.getResource("/lib/" + fileName) != null) {
            prepared = true;
            return "JCudnn will extract /lib/" + fileName + " from the class path";
        }
        String bundled = "/lib/" + System.mapLibraryName(LibUtils.createPlatformLibraryName("JCudnn-" + BUNDLED_VERSION));
        Path target = Path.of(System.getProperty("java.io.tmpdir"), fileName);
        install(bundled, target);
        System.load(target.toAbsolutePath().toString());
        prepared = true;
        return "loaded " + bundled + " as " + target;
    }

    /** Copies class-path resource {@code resource} to {@code target} unless an identical file is there. */
    static void install(String resource, Path target) throws IOException {
        byte[] content;
        try (InputStream in = JCudnnNatives.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("cuDNN bindings missing: no " + resource + " on the class path (add org.jcuda:jcudnn-natives:"
                        + BUNDLED_VERSION + ":linux-x86_64)");
            }
            content = in.readAllBytes();
        }
        if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), content)) {
            return;
        }
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path temp = Files.createTempFile(target.toAbsolutePath().getParent(), target.getFileName().toString(), ".part");
        try {
            Files.write(temp, content);
            try {
                Files.setPosixFilePermissions(temp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: keep the default permissions
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    static String findOnLibraryPath(String fileName) {
        String path = System.getProperty("java.library.path", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && new File(dir, fileName).isFile()) {
                return new File(dir, fileName).getPath();
            }
        }
        return null;
    }
}
