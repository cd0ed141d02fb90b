package io.faltung.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Crash-safe file writing: content goes to a temporary file in the target's directory, is forced
 * to the device ({@code fsync}), then renamed over the target in one atomic step, and the directory
 * itself is forced so that the rename survives a power loss. A reader therefore sees either the old
 * file or the complete new one, never a mixture, even if the writing process is killed with
 * {@code SIGKILL} at any instruction. Temporary files start with a dot and end in {@code .tmp}.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Writes bytes to a stream; the stream is buffered and must not be closed by the writer. */
    @FunctionalInterface
    public interface Content {
        /** Writes the whole content to {@code out}. */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Replaces {@code target} atomically by what {@code content} writes. On any failure the target
     * is left unchanged and the temporary file is deleted.
     */
    public static void write(Path target, Content content) throws IOException {
        Path dir = parentOf(target);
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        boolean done = false;
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            move(tmp, target, true);
            forceDirectory(dir);
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** Replaces {@code target} atomically by {@code bytes}. */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    /**
     * Renames the finished directory {@code source} (whose files were written with
     * {@link #write}) to {@code target}, which must not exist, in one atomic step, and forces the
     * parent directory. This is how a multi-file checkpoint becomes visible all at once.
     *
     * @throws FileAlreadyExistsException if {@code target} exists
     */
    public static void publishDirectory(Path source, Path target) throws IOException {
        forceDirectory(source);
        move(source, target, false);
        forceDirectory(parentOf(target));
    }

    /**
     * Forces a directory's entries (file creations, renames, deletions) to the device. Where the
     * platform cannot open directories (Windows), this does nothing.
     */
    public static void forceDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            if (Files.isDirectory(dir) && System.getProperty("os.name", "").startsWith("Windows")) {
                return;
            }
            throw e;
        }
    }

    /** Whether {@code file} is a temporary file left by an interrupted {@link #write}. */
    public static boolean isTemporary(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(".") && name.endsWith(".tmp");
    }

    private static void move(Path from, Path to, boolean replace) throws IOException {
        try {
            if (replace) {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                if (Files.exists(to)) {
                    throw new FileAlreadyExistsException(to.toString());
                }
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot rename " + from + " to " + to + " atomically (different file systems?); "
                    + "atomic checkpoints need the temporary file beside its target", e);
        }
    }

    private static Path parentOf(Path target) {
        Path parent = target.toAbsolutePath().getParent();
        if (parent == null) {
            throw new IllegalArgumentException("no directory above " + target);
        }
        return parent;
    }
}
