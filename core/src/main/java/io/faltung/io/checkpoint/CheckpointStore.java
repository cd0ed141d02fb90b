package io.faltung.io.checkpoint;

import io.faltung.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A directory of checkpoints, one sub-directory per training step ({@code step-000000001200}),
 * keeping the last {@code K}.
 *
 * <p>A checkpoint is written into a hidden staging directory ({@code .step-….tmp}), every file
 * forced to the device, and then published by renaming the directory in one atomic step. A
 * checkpoint directory therefore either does not exist or is complete: a process killed at any
 * point (even with {@code SIGKILL}) leaves the previous checkpoints intact and at most a staging
 * directory, which the next {@link CheckpointStore} on the same root removes. Old checkpoints are
 * pruned only after the new one is published; they are first renamed to a hidden name, so a
 * half-deleted checkpoint is never mistaken for a complete one.
 */
public final class CheckpointStore {
    private static final String PREFIX = "step-";
    private static final Pattern NAME = Pattern.compile("step-(\\d{1,18})");

    private final Path root;
    private final int keepLast;

    /** Writes the files of one checkpoint into a directory. */
    @FunctionalInterface
    public interface Writer {
        /** Writes every file of the checkpoint into {@code dir}, e.g. with {@link AtomicFiles#write}. */
        void write(Path dir) throws IOException;
    }

    /**
     * A store in {@code root} (created if missing) that keeps the newest {@code keepLast}
     * checkpoints. Leftovers of interrupted saves are removed.
     */
    public CheckpointStore(Path root, int keepLast) throws IOException {
        if (keepLast < 1) {
            throw new IllegalArgumentException("keep at least one checkpoint, not " + keepLast);
        }
        this.root = root;
        this.keepLast = keepLast;
        Files.createDirectories(root);
        removeLeftovers();
    }

    /** The directory holding the checkpoints. */
    public Path root() {
        return root;
    }

    /** How many checkpoints are kept. */
    public int keepLast() {
        return keepLast;
    }

    /** The directory name of the checkpoint at {@code step}. */
    public static String directoryName(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("negative step " + step);
        }
        return String.format("%s%012d", PREFIX, step);
    }

    /** The step of checkpoint directory {@code dir}, or -1 if its name is not one. */
    public static long stepOf(Path dir) {
        Matcher m = NAME.matcher(dir.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    /**
     * Writes the checkpoint for {@code step} with {@code writer}, publishes it atomically
     * (replacing an existing checkpoint of the same step) and prunes old ones. Returns its directory.
     */
    public Path save(long step, Writer writer) throws IOException {
        String name = directoryName(step);
        Path staging = root.resolve("." + name + ".tmp");
        deleteTree(staging);
        Files.createDirectory(staging);
        try {
            writer.write(staging);
        } catch (IOException | RuntimeException | Error e) {
            deleteTree(staging);
            throw e;
        }
        Path target = root.resolve(name);
        if (Files.exists(target)) {
            retire(target);
        }
        AtomicFiles.publishDirectory(staging, target);
        List<Path> all = list();
        for (int i = 0; i < all.size() - keepLast; i++) {
            retire(all.get(i));
        }
        return target;
    }

    /** The published checkpoints, oldest first. */
    public List<Path> list() throws IOException {
        return list(root);
    }

    /** The published checkpoints in {@code root}, oldest first. */
    public static List<Path> list(Path root) throws IOException {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path p : entries) {
                if (stepOf(p) >= 0 && Files.isDirectory(p)) {
                    found.add(p);
                }
            }
        }
        found.sort(Comparator.comparingLong(CheckpointStore::stepOf));
        return found;
    }

    /** The newest published checkpoint, if any. */
    public Optional<Path> latest() throws IOException {
        List<Path> all = list();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** Hides {@code dir} with one rename, then deletes it. */
    private void retire(Path dir) throws IOException {
        Path hidden = root.resolve(".retired-" + dir.getFileName() + ".tmp");
        deleteTree(hidden);
        Files.move(dir, hidden);
        AtomicFiles.forceDirectory(root);
        deleteTree(hidden);
    }

    private void removeLeftovers() throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path p : entries) {
                if (Files.isDirectory(p) && AtomicFiles.isTemporary(p)
                        && (p.getFileName().toString().startsWith("." + PREFIX)
                        || p.getFileName().toString().startsWith(".retired-"))) {
                    deleteTree(p);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
