package io.faltung.io.safetensors;

import io.faltung.spi.DType;
import java.util.List;

/**
 * The safetensors element types Faltung reads and writes, with their names in the header.
 * {@code I64} (PyTorch's {@code torch.long}, e.g. batch normalisation's {@code num_batches_tracked})
 * is read into INT32 when every value fits 32 bits, and never written. Other names that the format
 * defines (e.g. {@code BF16}) are recognised so that the error says "not supported" rather than
 * "unknown".
 */
public enum SafetensorsDType {
    /** IEEE-754 single precision ({@code torch.float32}). */
    F32(DType.FLOAT32, 4),
    /** IEEE-754 double precision ({@code torch.float64}). */
    F64(DType.FLOAT64, 8),
    /** 32-bit signed integers ({@code torch.int32}). */
    I32(DType.INT32, 4),
    /** 64-bit signed integers ({@code torch.int64}), read into INT32 values when they fit. */
    I64(DType.INT32, 8);

    /** Names the safetensors format defines but Faltung cannot hold. */
    static final List<String> UNSUPPORTED = List.of("BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3", "F8_E8M0", "F4",
            "F6_E2M3", "F6_E3M2", "I16", "U16", "F16", "BF16", "U32", "U64", "C64");

    private final DType dtype;
    private final int bytes;

    SafetensorsDType(DType dtype, int bytes) {
        this.dtype = dtype;
        this.bytes = bytes;
    }

    /** The Faltung element type. */
    public DType dtype() {
        return dtype;
    }

    /** Bytes per element in a file. */
    public int bytes() {
        return bytes;
    }

    /** The safetensors type a Faltung element type is written as. */
    public static SafetensorsDType of(DType dtype) {
        for (SafetensorsDType t : values()) {
            if (t.dtype == dtype) {
                return t;
            }
        }
        throw new IllegalArgumentException("no safetensors dtype for " + dtype);
    }

    /**
     * The type named {@code name} in a header, or {@code null} if the name is not one of
     * {@link #values()}; {@link #describeUnsupported} says why.
     */
    static SafetensorsDType parse(String name) {
        for (SafetensorsDType t : values()) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }

    /** Why {@code name} cannot be read, for an error message. */
    static String describeUnsupported(String name) {
        String supported = "Faltung reads F32, F64, I32 and I64";
        if (UNSUPPORTED.contains(name)) {
            return "dtype " + name + " is valid safetensors but not supported (" + supported
                    + "; convert before saving, e.g. tensor.float() in PyTorch)";
        }
        return "unknown dtype \"" + abbreviate(name) + "\" (" + supported + ")";
    }

    static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 61) + "...";
    }
}
