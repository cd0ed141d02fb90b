package io.faltung.io.safetensors;

import com.google.gson.stream.JsonWriter;
import io.faltung.io.InvalidFormatException;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The header of a safetensors file: the tensors (name, dtype, shape, byte range in the data
 * section) and the free-form string metadata ({@code "__metadata__"}).
 *
 * <p>The file layout is: an unsigned 64-bit little-endian header length {@code N}; {@code N} bytes
 * of UTF-8 JSON {@code {"name": {"dtype": "F32", "shape": [2, 3], "data_offsets": [begin, end]},
 * …, "__metadata__": {"key": "value"}}}, padded with spaces; then the data section, where each
 * tensor's little-endian, row-major bytes occupy {@code [begin, end)}. A valid file indexes its
 * data section completely: tensor ranges are contiguous, do not overlap, and end exactly at the
 * end of the file.
 */
public final class SafetensorsHeader {
    /** The largest header accepted, as in the reference implementation (100 MB). */
    public static final long MAX_HEADER_BYTES = 100_000_000L;

    private final List<TensorEntry> tensors;
    private final Map<String, TensorEntry> byName = new LinkedHashMap<>();
    private final Map<String, String> metadata;

    SafetensorsHeader(List<TensorEntry> tensors, Map<String, String> metadata) {
        this.tensors = List.copyOf(tensors);
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        for (TensorEntry t : tensors) {
            byName.put(t.name(), t);
        }
    }

    /**
     * Parses the JSON {@code header} of a file whose data section holds {@code dataLength} bytes
     * and checks every tensor against it.
     */
    static SafetensorsHeader read(String source, byte[] header, long dataLength) throws InvalidFormatException {
        SafetensorsHeader h = HeaderParser.parse(source, header);
        h.validate(source, dataLength);
        return h;
    }

    /**
     * A header for {@code tensors} laid out back to back in the given order, with
     * {@code metadata}.
     */
    public static SafetensorsHeader layout(Map<String, HostTensor> tensors, Map<String, String> metadata) {
        List<TensorEntry> entries = new ArrayList<>();
        long at = 0;
        for (Map.Entry<String, HostTensor> e : tensors.entrySet()) {
            if (e.getKey().equals(HeaderParser.METADATA)) {
                throw new IllegalArgumentException("'" + HeaderParser.METADATA + "' is reserved and cannot name a tensor");
            }
            HostTensor t = e.getValue();
            long bytes = t.shape().size() * t.dtype().bytes();
            entries.add(new TensorEntry(e.getKey(), SafetensorsDType.of(t.dtype()), t.shape(), at, at + bytes));
            at += bytes;
        }
        return new SafetensorsHeader(entries, metadata);
    }

    /** The tensors, in header order. */
    public List<TensorEntry> tensors() {
        return tensors;
    }

    /** The tensor called {@code name}, or {@code null}. */
    public TensorEntry tensor(String name) {
        return byName.get(name);
    }

    /** The metadata (read-only, possibly empty). */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** The length of the data section these tensors cover. */
    public long dataLength() {
        long end = 0;
        for (TensorEntry t : tensors) {
            end = Math.max(end, t.end());
        }
        return end;
    }

    /** The JSON header as written to a file: UTF-8, padded with spaces to a multiple of 8 bytes. */
    public byte[] toBytes() {
        StringWriter text = new StringWriter();
        try (JsonWriter w = new JsonWriter(text)) {
            w.beginObject();
            if (!metadata.isEmpty()) {
                w.name(HeaderParser.METADATA).beginObject();
                for (Map.Entry<String, String> e : metadata.entrySet()) {
                    w.name(e.getKey()).value(e.getValue());
                }
                w.endObject();
            }
            for (TensorEntry t : tensors) {
                w.name(t.name()).beginObject().name("dtype").value(t.dtype().name()).name("shape").beginArray();
                for (int d : t.shape().toArray()) {
                    w.value(d);
                }
                w.endArray().name("data_offsets").beginArray().value(t.begin()).value(t.end()).endArray().endObject();
            }
            w.endObject();
        } catch (IOException e) {
            throw new IllegalStateException("writing JSON to a string failed", e);
        }
        byte[] json = text.toString().getBytes(StandardCharsets.UTF_8);
        byte[] padded = Arrays.copyOf(json, (json.length + 7) / 8 * 8);
        Arrays.fill(padded, json.length, padded.length, (byte) ' ');
        return padded;
    }

    /** Checks sizes and byte ranges: contiguous, non-overlapping, covering the data section exactly. */
    private void validate(String source, long dataLength) throws InvalidFormatException {
        for (TensorEntry t : tensors) {
            if (t.end() < t.begin()) {
                throw new InvalidFormatException(source, "tensor '" + SafetensorsDType.abbreviate(t.name())
                        + "' has data_offsets [" + t.begin() + ", " + t.end() + "] with end before begin");
            }
            long needed = byteLength(source, t);
            if (needed != t.byteLength()) {
                throw new InvalidFormatException(source, "tensor '" + SafetensorsDType.abbreviate(t.name())
                        + "' has data_offsets [" + t.begin() + ", " + t.end() + "] (" + t.byteLength() + " bytes) but "
                        + t.dtype() + " " + t.shape() + " needs " + needed + " bytes");
            }
        }
        List<TensorEntry> sorted = new ArrayList<>(tensors);
        sorted.sort(Comparator.comparingLong(TensorEntry::begin).thenComparingLong(TensorEntry::end));
        long expected = 0;
        String previous = null;
        for (TensorEntry t : sorted) {
            if (t.begin() != expected) {
                String where = previous == null ? "the data section starts" : "tensor '" + previous + "' ends";
                throw new InvalidFormatException(source, "tensor '" + SafetensorsDType.abbreviate(t.name())
                        + "' begins at byte " + t.begin() + " but " + where + " at " + expected + " ("
                        + (t.begin() > expected ? "a gap" : "overlapping tensors") + "; ranges must be contiguous)");
            }
            expected = t.end();
            previous = SafetensorsDType.abbreviate(t.name());
        }
        if (expected != dataLength) {
            throw new InvalidFormatException(source, "the tensors cover " + expected + " bytes of data but the file has "
                    + dataLength + " bytes after the header" + (expected > dataLength ? " (truncated file?)"
                    : " (trailing bytes are not allowed)"));
        }
    }

    private static long byteLength(String source, TensorEntry t) throws InvalidFormatException {
        int[] dims = t.shape().toArray();
        if (Arrays.stream(dims).anyMatch(d -> d == 0)) {
            return 0;
        }
        long n = t.dtype().bytes();
        for (int d : dims) {
            try {
                n = Math.multiplyExact(n, d);
            } catch (ArithmeticException e) {
                throw new InvalidFormatException(source, "tensor '" + SafetensorsDType.abbreviate(t.name()) + "' "
                        + t.dtype() + " " + t.shape() + " is larger than 2^63 bytes");
            }
        }
        return n;
    }
}
