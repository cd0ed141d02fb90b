package io.faltung.io;

import java.io.IOException;

/**
 * A file or byte stream that does not follow its format: truncated, corrupt, oversized or hostile
 * input. The message names the source (a file name, or a description such as "job file") and what
 * is wrong with it, e.g. {@code "model.safetensors: tensor 'fc.weight' has data_offsets [0, 12] but
 * F32 [2, 2] needs 16 bytes"}.
 */
public class InvalidFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final String problem;

    /** An error in {@code source} described by {@code problem}. */
    public InvalidFormatException(String source, String problem) {
        this(source, problem, null);
    }

    /** An error in {@code source} described by {@code problem}, caused by {@code cause}. */
    public InvalidFormatException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
        this.source = source;
        this.problem = problem;
    }

    /** What was being read (a file name or a description). */
    public String source() {
        return source;
    }

    /** What is wrong, without the source. */
    public String problem() {
        return problem;
    }
}
