package io.faltung.examples;

import com.google.gson.Gson;
import io.faltung.dsp.filterbank.BankMetrics;
import io.faltung.dsp.filterbank.BankStructure;
import io.faltung.dsp.filterbank.DesignOptions;
import io.faltung.dsp.filterbank.FilterBankDesign;
import io.faltung.dsp.filterbank.FilterBankDesigner;
import io.faltung.dsp.filterbank.FrequencyResponse;
import io.faltung.dsp.filterbank.ModulatedFilterBank;
import io.faltung.tensor.Scope;
import io.faltung.tensor.Tensor;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Designs a cosine-modulated perfect-reconstruction filter bank — N subbands, P zero-delay and Q
 * maximum-delay stages ({@code --set subbands=8 --set zero-delay=5 --set max-delay=5 --set edge=1.5}) —
 * by minimising its worst subband stopband level with L-BFGS through autograd. Writes
 * {@code filterbank.json} (every analysis and synthesis impulse response and the prototype, float64),
 * the metrics (worst subband and prototype stopband attenuation, passband attenuation and ripple,
 * reconstruction SNR, delay, seconds) and plots of the subband responses, the prototype's response and
 * impulse response, and the loss.
 */
final class FilterBankExample implements Example {
    private static final int POINTS = 4097;
    private static final double FLOOR_DB = -160;

    @Override
    public String name() {
        return "filterbank";
    }

    @Override
    public String description() {
        return "PR modulated filter bank designed with L-BFGS through autograd (--set subbands=8 ...)";
    }

    @Override
    public void run(Run run) throws IOException {
        BankStructure structure = new BankStructure(run.setting("subbands", 8), run.setting("zero-delay", 5),
                run.setting("max-delay", 5));
        double edge = run.setting("edge", 1.5);
        DesignOptions options = DesignOptions.defaults(structure).withStopbandEdge(edge);
        System.out.printf("designing %s for a stopband from %.2fπ/N%n", structure, edge);
        List<Double> losses = new ArrayList<>();
        FilterBankDesign design = FilterBankDesigner.design(options, p -> {
            losses.add(p.loss());
            if (p.iteration() % 100 == 0) {
                System.out.printf("  %s  p = %-4.0f iterate %4d  loss %8.3f dB%n", p.structure(), p.exponent(),
                        p.iteration(), p.loss());
            }
        });
        try (Scope scope = Scope.open(); ModulatedFilterBank bank = design.bank()) {
            BankMetrics m = BankMetrics.measure(bank, edge);
            writeFilters(run.out().resolve("filterbank.json"), bank);
            run.metrics().put("subbands", structure.subbands())
                    .put("zero_delay_stages", structure.zeroDelayStages())
                    .put("maximum_delay_stages", structure.maximumDelayStages())
                    .put("filter_length", structure.length())
                    .put("stopband_edge", edge)
                    .put("stopband_attenuation_db", m.stopbandAttenuationDb())
                    .put("prototype_attenuation_db", m.prototypeAttenuationDb())
                    .put("passband_attenuation_db", m.passbandAttenuationDb())
                    .put("passband_ripple_db", m.passbandRippleDb())
                    .put("reconstruction_snr_db", m.reconstructionSnrDb())
                    .put("delay", m.delay())
                    .put("seconds", design.seconds())
                    .put("iterates", design.iterates())
                    .put("subband_attenuation_db", m.subbandAttenuationDb());
            plot(run, bank, losses, edge);
            System.out.printf("worst subband %.2f dB, prototype %.2f dB, passband %.2f dB / ripple %.2f dB, delay %d,"
                    + " reconstruction SNR %.1f dB, designed in %.1f s%n", m.stopbandAttenuationDb(),
                    m.prototypeAttenuationDb(), m.passbandAttenuationDb(), m.passbandRippleDb(), m.delay(),
                    m.reconstructionSnrDb(), design.seconds());
        }
    }

    /** {@code {"subbands": N, "analysis": [[h_0(n)…]…], "synthesis": [[f_0(n)…]…], "prototype": [h(n)…]}}. */
    private static void writeFilters(Path file, ModulatedFilterBank bank) throws IOException {
        int n = bank.structure().subbands();
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("subbands", n);
        content.put("analysis", rows(bank.analysisFilters().toDoubleArray(), n));
        content.put("synthesis", rows(bank.synthesisFilters().toDoubleArray(), n));
        content.put("prototype", bank.prototype().toDoubleArray());
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            new Gson().toJson(content, w);
            w.write(System.lineSeparator());
        }
    }

    private static void plot(Run run, ModulatedFilterBank bank, List<Double> losses, double edge) throws IOException {
        BankStructure s = bank.structure();
        double[][] subbands;
        double[] prototypeDb;
        double[] prototype;
        double[] x;
        try (Scope scope = Scope.open(); FrequencyResponse grid = FrequencyResponse.uniform(s.length(), POINTS)) {
            Tensor h = bank.analysisFilters();
            Tensor proto = bank.prototype(h);
            subbands = relativeDb(grid.magnitudeDb(h));
            prototypeDb = relativeDb(grid.magnitudeDb(proto.reshape(1, s.length())))[0];
            prototype = proto.toDoubleArray();
            x = grid.frequencies();
        }
        for (int i = 0; i < x.length; i++) {
            x[i] /= Math.PI;
        }
        Plot bands = run.plot("filterbank-subbands", "Analysis subband magnitude responses, " + s, "ω / π", "dB");
        for (int k = 0; k < s.subbands(); k++) {
            bands.series("band " + k, x, subbands[k]);
        }
        if (s.subbands() > 8) {
            bands.noLegend();
        }
        bands.save();
        run.plot("filterbank-prototype", "Prototype magnitude response (stopband from " + edge + "π/N)", "ω / π", "dB")
                .series("prototype", x, prototypeDb)
                .series("stopband edge", new double[] {edge / s.subbands(), edge / s.subbands()},
                        new double[] {FLOOR_DB, 0})
                .save();
        double[] taps = new double[s.length()];
        for (int t = 0; t < taps.length; t++) {
            taps[t] = t;
        }
        run.plot("filterbank-impulse", "Prototype impulse response", "n", "h(n)")
                .series("h(n)", taps, prototype).save();
        run.plot("filterbank-loss", "Design loss per L-BFGS iterate (all exponents and stages)", "iterate", "loss (dB)")
                .series("loss", losses.stream().mapToDouble(Double::doubleValue).toArray()).save();
    }

    /** Levels relative to the largest one, floored at −160 dB. */
    private static double[][] relativeDb(double[][] db) {
        double peak = Double.NEGATIVE_INFINITY;
        for (double[] row : db) {
            for (double v : row) {
                peak = Math.max(peak, v);
            }
        }
        double[][] out = new double[db.length][];
        for (int r = 0; r < db.length; r++) {
            out[r] = new double[db[r].length];
            for (int i = 0; i < db[r].length; i++) {
                out[r][i] = Math.max(db[r][i] - peak, FLOOR_DB);
            }
        }
        return out;
    }

    private static double[][] rows(double[] flat, int count) {
        int length = flat.length / count;
        double[][] r = new double[count][length];
        for (int k = 0; k < count; k++) {
            System.arraycopy(flat, k * length, r[k], 0, length);
        }
        return r;
    }
}
