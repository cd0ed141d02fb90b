package io.faltung.io.safetensors;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import io.faltung.io.InvalidFormatException;
import io.faltung.tensor.Shape;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the JSON header of a safetensors file against its schema, token by token: it never builds
 * a generic JSON tree and never skips unknown values, so hostile nesting or huge numbers cannot
 * exhaust memory; every deviation becomes an {@link InvalidFormatException}.
 */
final class HeaderParser {
    static final String METADATA = "__metadata__";
    /** Ranks above this are rejected (PyTorch itself caps tensors at 64 dimensions). */
    static final int MAX_RANK = 64;

    private final String source;
    private final JsonReader json;
    private final List<TensorEntry> tensors = new ArrayList<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();

    private HeaderParser(String source, byte[] header) {
        this.source = source;
        this.json = new JsonReader(new InputStreamReader(new ByteArrayInputStream(header),
                StandardCharsets.UTF_8.newDecoder()));
        this.json.setStrictness(Strictness.STRICT);
    }

    /** Parses {@code header} (the JSON bytes, possibly followed by space padding). */
    static SafetensorsHeader parse(String source, byte[] header) throws InvalidFormatException {
        if (header.length == 0 || header[0] != '{') {
            throw new InvalidFormatException(source, "the header must be a JSON object starting with '{'"
                    + (header.length == 0 ? " but is empty" : " but starts with byte 0x" + hex(header[0])));
        }
        HeaderParser p = new HeaderParser(source, header);
        try {
            p.readTop();
        } catch (CharacterCodingException e) {
            throw new InvalidFormatException(source, "the header is not valid UTF-8", e);
        } catch (InvalidFormatException e) {
            throw e;
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            throw new InvalidFormatException(source, "the header is not valid JSON: " + e.getMessage(), e);
        }
        return new SafetensorsHeader(p.tensors, p.metadata);
    }

    private void readTop() throws IOException {
        json.beginObject();
        Set<String> seen = new HashSet<>();
        while (json.hasNext()) {
            String name = json.nextName();
            if (!seen.add(name)) {
                throw error("the name \"" + SafetensorsDType.abbreviate(name) + "\" appears twice");
            }
            if (name.equals(METADATA)) {
                readMetadata();
            } else {
                tensors.add(readTensor(name));
            }
        }
        json.endObject();
        if (json.peek() != JsonToken.END_DOCUMENT) {
            throw error("unexpected content after the header object");
        }
    }

    private void readMetadata() throws IOException {
        expect(JsonToken.BEGIN_OBJECT, METADATA);
        json.beginObject();
        while (json.hasNext()) {
            String key = json.nextName();
            if (metadata.containsKey(key)) {
                throw error("metadata key \"" + SafetensorsDType.abbreviate(key) + "\" appears twice");
            }
            expect(JsonToken.STRING, "metadata value \"" + SafetensorsDType.abbreviate(key) + "\"");
            metadata.put(key, json.nextString());
        }
        json.endObject();
    }

    private TensorEntry readTensor(String name) throws IOException {
        String what = "tensor '" + SafetensorsDType.abbreviate(name) + "'";
        expect(JsonToken.BEGIN_OBJECT, what);
        json.beginObject();
        String dtypeName = null;
        int[] dims = null;
        long[] offsets = null;
        while (json.hasNext()) {
            String field = json.nextName();
            switch (field) {
                case "dtype" -> {
                    requireAbsent(dtypeName, what, field);
                    expect(JsonToken.STRING, what + " dtype");
                    dtypeName = json.nextString();
                }
                case "shape" -> {
                    requireAbsent(dims, what, field);
                    dims = readShape(what);
                }
                case "data_offsets" -> {
                    requireAbsent(offsets, what, field);
                    offsets = readOffsets(what);
                }
                default -> throw error(what + " has an unknown field \"" + SafetensorsDType.abbreviate(field)
                        + "\" (expected dtype, shape, data_offsets)");
            }
        }
        json.endObject();
        if (dtypeName == null || dims == null || offsets == null) {
            throw error(what + " lacks " + (dtypeName == null ? "dtype" : dims == null ? "shape" : "data_offsets"));
        }
        SafetensorsDType dtype = SafetensorsDType.parse(dtypeName);
        if (dtype == null) {
            throw error(what + ": " + SafetensorsDType.describeUnsupported(dtypeName));
        }
        return new TensorEntry(name, dtype, Shape.of(dims), offsets[0], offsets[1]);
    }

    private int[] readShape(String what) throws IOException {
        expect(JsonToken.BEGIN_ARRAY, what + " shape");
        json.beginArray();
        List<Integer> dims = new ArrayList<>();
        while (json.hasNext()) {
            if (dims.size() == MAX_RANK) {
                throw error(what + " has more than " + MAX_RANK + " dimensions");
            }
            long d = readCount(what + " shape");
            if (d > Integer.MAX_VALUE) {
                throw error(what + " has extent " + d + ", more than Faltung's largest (" + Integer.MAX_VALUE + ")");
            }
            dims.add((int) d);
        }
        json.endArray();
        return dims.stream().mapToInt(Integer::intValue).toArray();
    }

    private long[] readOffsets(String what) throws IOException {
        expect(JsonToken.BEGIN_ARRAY, what + " data_offsets");
        json.beginArray();
        long[] offsets = new long[2];
        for (int i = 0; i < 2; i++) {
            if (!json.hasNext()) {
                throw error(what + " data_offsets must have 2 entries [begin, end], got " + i);
            }
            offsets[i] = readCount(what + " data_offsets");
        }
        if (json.hasNext()) {
            throw error(what + " data_offsets must have 2 entries [begin, end], got more");
        }
        json.endArray();
        return offsets;
    }

    /** A non-negative integer written with plain digits (no sign, fraction or exponent). */
    private long readCount(String what) throws IOException {
        expect(JsonToken.NUMBER, what + " entry");
        String text = json.nextString();
        boolean digits = !text.isEmpty() && text.length() <= 19 && text.chars().allMatch(c -> c >= '0' && c <= '9');
        if (!digits) {
            throw error(what + " entry " + SafetensorsDType.abbreviate(text)
                    + " is not a non-negative integer below 2^63");
        }
        return Long.parseLong(text);
    }

    private void expect(JsonToken token, String what) throws IOException {
        JsonToken actual = json.peek();
        if (actual != token) {
            throw error(what + " must be " + describe(token) + ", not " + describe(actual));
        }
    }

    private void requireAbsent(Object previous, String what, String field) throws InvalidFormatException {
        if (previous != null) {
            throw error(what + " has field \"" + field + "\" twice");
        }
    }

    private InvalidFormatException error(String problem) {
        return new InvalidFormatException(source, problem);
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case BEGIN_OBJECT -> "an object";
            case BEGIN_ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> token.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        };
    }

    private static String hex(byte b) {
        return String.format("%02x", b & 0xff);
    }
}
