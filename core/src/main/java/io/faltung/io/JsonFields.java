package io.faltung.io;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.StringReader;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.util.Set;

/**
 * Typed, checked access to the fields of a parsed JSON object (job files, checkpoint sidecars):
 * each accessor names the file, the field path and what was expected when a field is missing or
 * has the wrong type or range, as an {@link InvalidFormatException}.
 */
public final class JsonFields {
    private final String source;
    private final String path;
    private final JsonObject object;

    /** The fields of {@code object}, found at {@code path} (e.g. {@code "optimizer"}) in {@code source}. */
    public JsonFields(String source, String path, JsonObject object) {
        this.source = source;
        this.path = path;
        this.object = object;
    }

    /**
     * Reads {@code file} (at most {@code maxBytes}, strict UTF-8) and parses it with {@link #parse}.
     */
    public static JsonElement read(Path file, long maxBytes) throws IOException {
        long size = Files.size(file);
        if (size > maxBytes) {
            throw new InvalidFormatException(file.toString(), "has " + size + " bytes, more than the " + maxBytes
                    + " allowed for this kind of file");
        }
        return parse(file.toString(), decode(file.toString(), Files.readAllBytes(file)));
    }

    /** {@code bytes} as strict UTF-8. */
    public static String decode(String source, byte[] bytes) throws InvalidFormatException {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidFormatException(source, "is not valid UTF-8 text", e);
        }
    }

    /**
     * Parses {@code text} as strict JSON (RFC 8259: no comments, no trailing commas, no unquoted
     * names). Gson's parser is iterative, so deep nesting costs memory proportional to the input,
     * never a stack overflow; callers bound the input size.
     */
    public static JsonElement parse(String source, String text) throws InvalidFormatException {
        try {
            JsonReader reader = new JsonReader(new StringReader(text));
            reader.setStrictness(Strictness.STRICT);
            JsonElement value = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new InvalidFormatException(source, "has content after the JSON value");
            }
            return value;
        } catch (JsonParseException | IOException e) {
            String message = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage()
                    : String.valueOf(e.getMessage());
            throw new InvalidFormatException(source, "is not valid JSON: " + abbreviate(message, 200), e);
        }
    }

    /** The fields of the top-level value of {@code source}, which must be an object. */
    public static JsonFields root(String source, JsonElement value) throws InvalidFormatException {
        if (value == null || !value.isJsonObject()) {
            throw new InvalidFormatException(source, "must hold a JSON object, not " + describe(value));
        }
        return new JsonFields(source, "", value.getAsJsonObject());
    }

    /** The underlying object. */
    public JsonObject object() {
        return object;
    }

    /** Whether {@code name} is present (and not null). */
    public boolean has(String name) {
        return object.has(name) && !object.get(name).isJsonNull();
    }

    /** Rejects fields other than {@code allowed}, naming the first unknown one (typos in job files). */
    public JsonFields onlyFields(Set<String> allowed) throws InvalidFormatException {
        for (String key : object.keySet()) {
            if (!allowed.contains(key)) {
                throw error(key, "is not a known field (known: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
            }
        }
        return this;
    }

    /** A required string. */
    public String string(String name) throws InvalidFormatException {
        JsonElement v = require(name);
        if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isString()) {
            throw error(name, "must be a string, not " + describe(v));
        }
        return v.getAsString();
    }

    /** An optional string. */
    public String string(String name, String fallback) throws InvalidFormatException {
        return has(name) ? string(name) : fallback;
    }

    /** A required finite number. */
    public double number(String name) throws InvalidFormatException {
        BigDecimal d = decimal(name);
        double v = d.doubleValue();
        if (Double.isInfinite(v)) {
            throw error(name, "is out of range: " + abbreviate(d.toString()));
        }
        return v;
    }

    /** An optional finite number. */
    public double number(String name, double fallback) throws InvalidFormatException {
        return has(name) ? number(name) : fallback;
    }

    /** A required integer in {@code [min, max]}. */
    public long integer(String name, long min, long max) throws InvalidFormatException {
        return whole(name, require(name), min, max);
    }

    /**
     * A required whole number in {@code [min, max]} per axis: one number for all {@code length}
     * axes ({@code "kernel_size": 5}) or an array of {@code length} numbers ({@code [5, 3]}).
     */
    public int[] integers(String name, int length, int min, int max) throws InvalidFormatException {
        JsonElement v = require(name);
        String expected = "a whole number in [" + min + ", " + max + "]"
                + (length == 1 ? "" : " or an array of " + length + " of them");
        if (v.isJsonArray()) {
            com.google.gson.JsonArray a = v.getAsJsonArray();
            if (a.size() != length) {
                throw error(name, "must be " + expected + ", not an array of " + a.size());
            }
            int[] out = new int[length];
            for (int i = 0; i < length; i++) {
                out[i] = (int) whole(name + "[" + i + "]", a.get(i), min, max);
            }
            return out;
        }
        if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isNumber()) {
            throw error(name, "must be " + expected + ", not " + describe(v));
        }
        int[] out = new int[length];
        java.util.Arrays.fill(out, (int) whole(name, v, min, max));
        return out;
    }

    /** Like {@link #integers(String, int, int, int)}, {@code fallback} when absent. */
    public int[] integers(String name, int length, int min, int max, int[] fallback) throws InvalidFormatException {
        return has(name) ? integers(name, length, min, max) : fallback;
    }

    /** Whether {@code name} is present and a string. */
    public boolean isString(String name) {
        return has(name) && object.get(name).isJsonPrimitive() && object.get(name).getAsJsonPrimitive().isString();
    }

    /** {@code v}, found as {@code name}, as a whole number in {@code [min, max]}. */
    private long whole(String name, JsonElement v, long min, long max) throws InvalidFormatException {
        BigDecimal d = decimal(name, v);
        long value;
        try {
            value = d.stripTrailingZeros().longValueExact();
        } catch (ArithmeticException e) {
            throw error(name, "must be a whole number in [" + min + ", " + max + "], not " + abbreviate(d.toString()));
        }
        if (value < min || value > max) {
            throw error(name, "must be in [" + min + ", " + max + "], not " + value);
        }
        return value;
    }

    /** An optional integer in {@code [min, max]}. */
    public long integer(String name, long min, long max, long fallback) throws InvalidFormatException {
        return has(name) ? integer(name, min, max) : fallback;
    }

    /** An optional boolean. */
    public boolean bool(String name, boolean fallback) throws InvalidFormatException {
        if (!has(name)) {
            return fallback;
        }
        JsonElement v = object.get(name);
        if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isBoolean()) {
            throw error(name, "must be true or false, not " + describe(v));
        }
        return v.getAsBoolean();
    }

    /** A required nested object. */
    public JsonFields object(String name) throws InvalidFormatException {
        JsonElement v = require(name);
        if (!v.isJsonObject()) {
            throw error(name, "must be an object, not " + describe(v));
        }
        return new JsonFields(source, child(name), v.getAsJsonObject());
    }

    /** A required array. */
    public com.google.gson.JsonArray array(String name) throws InvalidFormatException {
        JsonElement v = require(name);
        if (!v.isJsonArray()) {
            throw error(name, "must be an array, not " + describe(v));
        }
        return v.getAsJsonArray();
    }

    /** Element {@code index} of array {@code name}, which must be an object. */
    public JsonFields element(String name, int index, JsonElement value) throws InvalidFormatException {
        String at = child(name) + "[" + index + "]";
        if (!value.isJsonObject()) {
            throw new InvalidFormatException(source, at + " must be an object, not " + describe(value));
        }
        return new JsonFields(source, at, value.getAsJsonObject());
    }

    /** An error about field {@code name} of this object. */
    public InvalidFormatException error(String name, String problem) {
        return new InvalidFormatException(source, "\"" + child(name) + "\" " + problem);
    }

    private BigDecimal decimal(String name) throws InvalidFormatException {
        return decimal(name, require(name));
    }

    private BigDecimal decimal(String name, JsonElement v) throws InvalidFormatException {
        if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isNumber()) {
            throw error(name, "must be a number, not " + describe(v));
        }
        JsonPrimitive p = v.getAsJsonPrimitive();
        String text = p.getAsString();
        if (text.length() > 100) {
            throw error(name, "is a number written with more than 100 characters");
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw error(name, "is not a number: " + abbreviate(text));
        }
    }

    private JsonElement require(String name) throws InvalidFormatException {
        if (!has(name)) {
            throw error(name, "is missing");
        }
        return object.get(name);
    }

    private String child(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static String describe(JsonElement v) {
        if (v == null || v.isJsonNull()) {
            return "null";
        }
        if (v.isJsonObject()) {
            return "an object";
        }
        if (v.isJsonArray()) {
            return "an array";
        }
        JsonPrimitive p = v.getAsJsonPrimitive();
        return p.isString() ? "the string \"" + abbreviate(p.getAsString()) + "\"" : abbreviate(p.toString());
    }

    private static String abbreviate(String s) {
        return abbreviate(s, 60);
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }
}
