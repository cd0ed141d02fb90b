package io.faltung.examples;

import io.faltung.dsp.filterbank.FrequencyResponse;
import io.faltung.dsp.filterbank.ModulatedFilterBank;
import io.faltung.tensor.Scope;
import io.faltung.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The PNG plots of the filter-bank example: subband responses, prototype response and impulse response, loss. */
final class FilterBankPlots {
    private static final int POINTS = 4097;

    private FilterBankPlots() {
    }

    static void write(Path outDir, ModulatedFilterBank bank, List<Double> losses, double edge) throws IOException {
        int n = bank.structure().subbands();
        int length = bank.structure().length();
        double[][] subbands;
        double[] prototypeDb;
        double[] w;
        double[] prototype;
        try (Scope scope = Scope.open(); FrequencyResponse grid = FrequencyResponse.uniform(length, POINTS)) {
            Tensor h = bank.analysisFilters();
            subbands = grid.magnitudeDb(h);
            Tensor proto = bank.prototype(h);
            prototype = proto.toDoubleArray();
            prototypeDb = grid.magnitudeDb(proto.reshape(1, length))[0];
            w = grid.frequencies();
        }
        double[] x = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            x[i] = w[i] / Math.PI;
        }
        double peak = Double.NEGATIVE_INFINITY;
        for (double[] band : subbands) {
            for (double v : band) {
                peak = Math.max(peak, v);
            }
        }
        XYChart bands = chart("Analysis subband magnitude responses (" + bank.structure() + ")", "ω / π", "dB");
        for (int k = 0; k < n; k++) {
            bands.addSeries("band " + k, x, shifted(subbands[k], peak)).setMarker(SeriesMarkers.NONE);
        }
        bands.getStyler().setLegendVisible(n <= 8);
        bands.getStyler().setYAxisMin(-120.0);
        save(bands, outDir.resolve("filterbank-subbands.png"));

        double protoPeak = Double.NEGATIVE_INFINITY;
        for (double v : prototypeDb) {
            protoPeak = Math.max(protoPeak, v);
        }
        XYChart proto = chart("Prototype magnitude response (stopband from " + edge + "π/N)", "ω / π", "dB");
        proto.addSeries("prototype", x, shifted(prototypeDb, protoPeak)).setMarker(SeriesMarkers.NONE);
        proto.addSeries("stopband edge", new double[] {edge / n, edge / n}, new double[] {-120, 0})
                .setMarker(SeriesMarkers.NONE);
        proto.getStyler().setYAxisMin(-120.0);
        save(proto, outDir.resolve("filterbank-prototype.png"));

        XYChart impulse = chart("Prototype impulse response h(n)", "n", "h(n)");
        double[] taps = new double[length];
        for (int t = 0; t < length; t++) {
            taps[t] = t;
        }
        impulse.addSeries("h(n)", taps, prototype).setMarker(length > 80 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
        save(impulse, outDir.resolve("filterbank-impulse.png"));

        if (!losses.isEmpty()) {
            XYChart loss = chart("Design loss per L-BFGS iterate (all exponents and stages)", "iterate", "loss (dB)");
            double[] it = new double[losses.size()];
            double[] value = new double[losses.size()];
            for (int i = 0; i < it.length; i++) {
                it[i] = i;
                value[i] = losses.get(i);
            }
            loss.addSeries("loss", it, value).setMarker(SeriesMarkers.NONE);
            save(loss, outDir.resolve("filterbank-loss.png"));
        }
    }

    private static double[] shifted(double[] db, double peak) {
        double[] out = new double[db.length];
        for (int i = 0; i < db.length; i++) {
            out[i] = Math.max(db[i] - peak, -200);
        }
        return out;
    }

    private static XYChart chart(String title, String xLabel, String yLabel) {
        return new XYChartBuilder().width(900).height(520).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
    }

    private static void save(XYChart chart, Path file) throws IOException {
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
