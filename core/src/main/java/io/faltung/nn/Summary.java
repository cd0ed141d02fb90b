package io.faltung.nn;

import io.faltung.tensor.Shape;
import java.util.List;

/**
 * A built model in a table: each layer's name, definition, output shape per sample and parameter
 * count. {@link #toString()} prints it.
 *
 * @param input the per-sample input shape
 * @param rows  one row per layer, in order
 */
public record Summary(Shape input, List<Row> rows) {
    /**
     * One layer.
     *
     * @param name       the layer's name, e.g. {@code dense_1}
     * @param layer      its definition, e.g. {@code Dense(10, relu)}
     * @param output     its output shape per sample
     * @param parameters its number of trainable values
     */
    public record Row(String name, String layer, Shape output, long parameters) {
    }

    /** Creates a summary (the row list is copied). */
    public Summary {
        rows = List.copyOf(rows);
    }

    /** The number of trainable values of the whole model. */
    public long totalParameters() {
        return rows.stream().mapToLong(Row::parameters).sum();
    }

    @Override
    public String toString() {
        int wName = "Layer".length();
        int wShape = "Output shape".length();
        for (Row r : rows) {
            wName = Math.max(wName, label(r).length());
            wShape = Math.max(wShape, r.output().toString().length());
        }
        String format = "%-" + wName + "s  %-" + wShape + "s  %,12d%n";
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-" + wName + "s  %-" + wShape + "s  %12s%n", "Layer", "Output shape", "Parameters"));
        sb.append(String.format("%-" + wName + "s  %-" + wShape + "s%n", "(input)", input));
        for (Row r : rows) {
            sb.append(String.format(format, label(r), r.output(), r.parameters()));
        }
        sb.append(String.format("Total parameters: %,d", totalParameters()));
        return sb.toString();
    }

    private static String label(Row r) {
        return r.name() + " " + r.layer();
    }
}
