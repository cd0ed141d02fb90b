package io.faltung.data.idx;

/** The element types of the IDX format, with their type codes (the third byte of the magic number). */
public enum IdxType {
    /** 0x08: unsigned byte. */
    UNSIGNED_BYTE(0x08, 1),
    /** 0x09: signed byte. */
    SIGNED_BYTE(0x09, 1),
    /** 0x0B: 16-bit signed integer, big-endian. */
    SHORT(0x0B, 2),
    /** 0x0C: 32-bit signed integer, big-endian. */
    INT(0x0C, 4),
    /** 0x0D: 32-bit IEEE float, big-endian. */
    FLOAT(0x0D, 4),
    /** 0x0E: 64-bit IEEE float, big-endian. */
    DOUBLE(0x0E, 8);

    private final int code;
    private final int bytes;

    IdxType(int code, int bytes) {
        this.code = code;
        this.bytes = bytes;
    }

    /** The type code in the magic number. */
    public int code() {
        return code;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }

    /** Whether the elements are integers. */
    public boolean isInteger() {
        return this != FLOAT && this != DOUBLE;
    }

    /** The type with the given code, or {@code null} if the code is not an IDX type. */
    static IdxType ofCode(int code) {
        for (IdxType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }
}
