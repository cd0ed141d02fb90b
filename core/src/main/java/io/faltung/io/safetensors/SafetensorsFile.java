package io.faltung.io.safetensors;

import io.faltung.io.InvalidFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A safetensors file opened for reading. {@link #open} reads and validates the whole header
 * before returning (see {@link SafetensorsHeader} for the layout and the rules), so a file that
 * opens has well-formed, in-bounds, non-overlapping tensors; values are read on demand with
 * {@link #read}. Every problem with the bytes is an {@link InvalidFormatException} naming the file
 * and what is wrong; no input, however hostile, makes the reader allocate more than the file's
 * size (plus the fixed header limit).
 */
public final class SafetensorsFile implements AutoCloseable {
    private final String source;
    private final ByteSource bytes;
    private final SafetensorsHeader header;
    private final long dataStart;

    private SafetensorsFile(String source, ByteSource bytes) throws IOException {
        this.source = source;
        this.bytes = bytes;
        long size = bytes.size();
        if (size < 8) {
            throw new InvalidFormatException(source, "the file has " + size + " bytes, fewer than the 8 of the header length");
        }
        ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        bytes.read(0, length);
        long n = length.getLong(0);
        if (n < 0 || n > SafetensorsHeader.MAX_HEADER_BYTES) {
            throw new InvalidFormatException(source, "the header length field says " + Long.toUnsignedString(n)
                    + " bytes, more than the limit of " + SafetensorsHeader.MAX_HEADER_BYTES);
        }
        if (n > size - 8) {
            throw new InvalidFormatException(source, "the header length field says " + n + " bytes but only "
                    + (size - 8) + " follow it (truncated file?)");
        }
        ByteBuffer json = ByteBuffer.allocate((int) n);
        bytes.read(8, json);
        this.dataStart = 8 + n;
        this.header = SafetensorsHeader.read(source, json.array(), size - dataStart);
    }

    /** Opens {@code file} and validates its header. */
    public static SafetensorsFile open(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            return new SafetensorsFile(file.toString(), ByteSource.of(channel, file.toString()));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Reads a safetensors image from memory; {@code source} names it in error messages. */
    public static SafetensorsFile of(byte[] image, String source) throws InvalidFormatException {
        try {
            return new SafetensorsFile(source, ByteSource.of(image));
        } catch (InvalidFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new IllegalStateException("reading from memory cannot fail", e);
        }
    }

    /** What error messages call this file. */
    public String source() {
        return source;
    }

    /** The validated header. */
    public SafetensorsHeader header() {
        return header;
    }

    /** The tensor names in header order. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        header.tensors().forEach(t -> names.add(t.name()));
        return names;
    }

    /** The free-form metadata. */
    public Map<String, String> metadata() {
        return header.metadata();
    }

    /** Whether the file holds a tensor called {@code name}. */
    public boolean contains(String name) {
        return header.tensor(name) != null;
    }

    /**
     * The values of tensor {@code name}.
     *
     * @throws IllegalArgumentException if there is no such tensor (the message lists the names)
     */
    public HostTensor read(String name) throws IOException {
        TensorEntry entry = header.tensor(name);
        if (entry == null) {
            List<String> names = names();
            throw new IllegalArgumentException(source + " has no tensor '" + name + "'; it has "
                    + (names.size() <= 20 ? names : names.subList(0, 20) + " and " + (names.size() - 20) + " more"));
        }
        return HostTensor.read(bytes, dataStart, entry, source);
    }

    /** All tensors by name, in header order. */
    public Map<String, HostTensor> readAll() throws IOException {
        Map<String, HostTensor> all = new LinkedHashMap<>();
        for (TensorEntry t : header.tensors()) {
            all.put(t.name(), HostTensor.read(bytes, dataStart, t, source));
        }
        return all;
    }

    @Override
    public void close() throws IOException {
        bytes.close();
    }
}
