package io.faltung.testkit;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The table a parity run prints: op · case · dtype · max abs err · max rel err · tolerance · result. */
public final class ParitySummary {
    /** One line of the table. */
    public record Row(OpCase opCase, double maxAbsError, double maxRelError, String result) {
    }

    private final List<Row> rows = new ArrayList<>();

    /** Adds a compared case. */
    public synchronized void add(OpCase opCase, Comparison comparison) {
        rows.add(new Row(opCase, comparison.maxAbsError(), comparison.maxRelError(),
                comparison.passed() ? "ok" : "FAIL"));
    }

    /** Adds a case that did not produce a comparison (skipped, or threw). */
    public synchronized void add(OpCase opCase, String result) {
        rows.add(new Row(opCase, Double.NaN, Double.NaN, result));
    }

    /** The rows so far. */
    public synchronized List<Row> rows() {
        return List.copyOf(rows);
    }

    /** Prints the table and a count line, headed by {@code title}. */
    public synchronized void print(PrintStream out, String title) {
        int width = 20;
        for (Row r : rows) {
            width = Math.max(width, r.opCase().name().length());
        }
        String format = "%-8s  %-" + width + "s  %-7s  %11s  %11s  %-26s  %s%n";
        out.println("== parity: " + title + " ==");
        out.printf(Locale.ROOT, format, "op", "case", "dtype", "max abs err", "max rel err", "tolerance", "result");
        long failed = 0;
        long skipped = 0;
        for (Row r : rows) {
            OpCase c = r.opCase();
            out.printf(Locale.ROOT, format, c.op(), c.name(), c.dtype(), number(r.maxAbsError()), number(r.maxRelError()),
                    c.tolerance(), r.result());
            failed += r.result().equals("ok") || r.result().startsWith("skipped") ? 0 : 1;
            skipped += r.result().startsWith("skipped") ? 1 : 0;
        }
        out.printf(Locale.ROOT, "== %d cases: %d passed, %d failed, %d skipped ==%n", rows.size(),
                rows.size() - failed - skipped, failed, skipped);
    }

    private static String number(double x) {
        return Double.isNaN(x) ? "-" : String.format(Locale.ROOT, "%.2e", x);
    }
}
