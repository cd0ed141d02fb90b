package io.faltung.nn;

import io.faltung.tensor.Shape;

/**
 * A layer cannot accept the per-sample shape it is given. The message names the layer, the shape,
 * where the shape comes from (the previous layer or the model input), what the layer expects and,
 * when there is an obvious fix, the fix:
 *
 * <pre>Dense(500) expects a 1-D input per sample but gets [50, 4, 4] from MaxPool2D(2) — add Flatten() before it.</pre>
 */
public final class IncompatibleInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final transient Layer layer;
    private final Shape input;
    private final String expected;
    private final String hint;
    private final String source;

    /**
     * @param layer    the layer that rejects its input
     * @param input    the per-sample input shape it was given
     * @param expected what it expects, e.g. {@code "a 1-D input per sample"}
     * @param hint     how to fix it, or {@code null}
     * @param source   where the input comes from (e.g. the previous layer), or {@code null}
     */
    public IncompatibleInputException(Layer layer, Shape input, String expected, String hint, String source) {
        super(message(layer, input, expected, hint, source));
        this.layer = layer;
        this.input = input;
        this.expected = expected;
        this.hint = hint;
        this.source = source;
    }

    private static String message(Layer layer, Shape input, String expected, String hint, String source) {
        return layer + " expects " + expected + " but gets " + input
                + (source == null ? "" : " from " + source)
                + (hint == null ? "" : " — " + hint) + ".";
    }

    /** The same complaint, saying the input comes from {@code newSource}. */
    public IncompatibleInputException from(String newSource) {
        IncompatibleInputException e = new IncompatibleInputException(layer, input, expected, hint, newSource);
        e.setStackTrace(getStackTrace());
        return e;
    }

    /** The layer that rejected its input. */
    public Layer layer() {
        return layer;
    }

    /** Where the rejected input comes from, or {@code null} when not known. */
    public String source() {
        return source;
    }

    /** The rejected per-sample shape. */
    public Shape input() {
        return input;
    }
}
