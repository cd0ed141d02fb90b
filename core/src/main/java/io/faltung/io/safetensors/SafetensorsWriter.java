package io.faltung.io.safetensors;

import io.faltung.io.AtomicFiles;
import io.faltung.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes safetensors files: tensors back to back in the given order, the header padded to a
 * multiple of 8 bytes (so every tensor starts 8-byte aligned), files replaced atomically.
 */
public final class SafetensorsWriter {
    private SafetensorsWriter() {
    }

    /** Writes {@code tensors} and {@code metadata} to {@code file} atomically (see {@link AtomicFiles}). */
    public static void write(Path file, Map<String, HostTensor> tensors, Map<String, String> metadata)
            throws IOException {
        SafetensorsHeader header = SafetensorsHeader.layout(tensors, metadata);
        AtomicFiles.write(file, out -> writeTo(out, header, tensors));
    }

    /** Downloads {@code tensors} and writes them to {@code file} atomically. */
    public static void writeTensors(Path file, Map<String, Tensor> tensors, Map<String, String> metadata)
            throws IOException {
        write(file, download(tensors), metadata);
    }

    /** The file image of {@code tensors} and {@code metadata}. */
    public static byte[] toBytes(Map<String, HostTensor> tensors, Map<String, String> metadata) {
        SafetensorsHeader header = SafetensorsHeader.layout(tensors, metadata);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writeTo(out, header, tensors);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    /** Writes the file image of {@code tensors} and {@code metadata} to {@code out} (not closed). */
    public static void writeTo(OutputStream out, Map<String, HostTensor> tensors, Map<String, String> metadata)
            throws IOException {
        writeTo(out, SafetensorsHeader.layout(tensors, metadata), tensors);
    }

    /** Host copies of {@code tensors}, in the same order. */
    public static Map<String, HostTensor> download(Map<String, Tensor> tensors) {
        Map<String, HostTensor> host = new LinkedHashMap<>();
        tensors.forEach((name, t) -> host.put(name, HostTensor.of(t)));
        return host;
    }

    private static void writeTo(OutputStream out, SafetensorsHeader header, Map<String, HostTensor> tensors)
            throws IOException {
        byte[] json = header.toBytes();
        out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length).array());
        out.write(json);
        for (HostTensor t : tensors.values()) {
            t.writeTo(out);
        }
    }
}
