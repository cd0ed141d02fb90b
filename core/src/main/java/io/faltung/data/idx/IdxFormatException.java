package io.faltung.data.idx;

import java.io.IOException;

/** An input that is not a well-formed IDX file: bad magic number, impossible dimensions, truncated or extra data. */
public final class IdxFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** An error about {@code source} (a file name or description). */
    public IdxFormatException(String source, String problem) {
        super(source + ": " + problem);
    }

    /** An error about {@code source} caused by a lower-level I/O failure (e.g. corrupt gzip data). */
    public IdxFormatException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
    }
}
