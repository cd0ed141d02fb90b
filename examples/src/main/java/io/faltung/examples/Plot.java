package io.faltung.examples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A line chart saved as a PNG with XChart: one or more named series of y over x.
 *
 * <pre>{@code
 * run.plot("loss", "Training loss", "epoch", "loss").series("train", epochs, loss).logY().save();
 * }</pre>
 */
public final class Plot {
    private static final int WIDTH = 800;
    private static final int HEIGHT = 500;

    private final Path file;
    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();
    private boolean logY;
    private boolean legend = true;

    Plot(Path file, String title, String xLabel, String yLabel) {
        this.file = file;
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /** Adds a series; {@code x} and {@code y} have the same length. */
    public Plot series(String name, double[] x, double[] y) {
        if (x.length != y.length || x.length == 0) {
            throw new IllegalArgumentException("series '" + name + "' of plot '" + title + "' has " + x.length
                    + " x values and " + y.length + " y values; both must be the same, non-zero length");
        }
        series.add(new Series(name, x.clone(), y.clone()));
        return this;
    }

    /** Adds a series given as {@code {x, y}}. */
    public Plot series(String name, double[][] xy) {
        return series(name, xy[0], xy[1]);
    }

    /** Adds a series plotted over 1, 2, …, {@code y.length} (steps, epochs). */
    public Plot series(String name, double[] y) {
        return series(name, countingFrom1(y.length), y);
    }

    /** Uses a logarithmic y axis (for losses spanning decades). */
    public Plot logY() {
        this.logY = true;
        return this;
    }

    /** Hides the legend (for charts with many series of the same kind). */
    public Plot noLegend() {
        this.legend = false;
        return this;
    }

    /** Writes the PNG and returns its path. */
    public Path save() throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        chart.getStyler().setYAxisLogarithmic(logY);
        chart.getStyler().setLegendVisible(legend);
        chart.getStyler().setMarkerSize(4);
        for (Series s : series) {
            chart.addSeries(s.name, s.x, s.y).setMarker(s.x.length > 60 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
        }
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        return file;
    }

    private record Series(String name, double[] x, double[] y) {
    }

    /** {@code v} widened to doubles, for series of float data. */
    public static double[] doubles(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    /** 1, 2, …, n. */
    public static double[] countingFrom1(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i + 1;
        }
        return x;
    }
}
