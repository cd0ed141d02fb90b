package io.faltung.examples;

import com.google.gson.GsonBuilder;
import io.faltung.dsp.filterbank.BankMetrics;
import io.faltung.dsp.filterbank.BankStructure;
import io.faltung.dsp.filterbank.DesignOptions;
import io.faltung.dsp.filterbank.FilterBankDesign;
import io.faltung.dsp.filterbank.FilterBankDesigner;
import io.faltung.dsp.filterbank.ModulatedFilterBank;
import io.faltung.tensor.Scope;
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
 * Designs a cosine-modulated perfect-reconstruction filter bank (N subbands, P zero-delay and Q
 * maximum-delay stages) by minimising its worst subband stopband level with L-BFGS through autograd,
 * then writes {@code filterbank.json} (all analysis and synthesis impulse responses and the prototype),
 * {@code metrics.json} and PNG plots of the subband and prototype responses into the output directory.
 */
final class FilterBankExample {

    /** What the example was asked to design. */
    record Request(int subbands, int zeroDelayStages, int maximumDelayStages, double stopbandEdge) {
        BankStructure structure() {
            return new BankStructure(subbands, zeroDelayStages, maximumDelayStages);
        }
    }

    /** Designs the requested bank, writes its files into {@code outDir} and returns the metrics written. */
    static Map<String, Object> run(Path outDir, Request request) throws IOException {
        Files.createDirectories(outDir);
        BankStructure structure = request.structure();
        DesignOptions options = DesignOptions.defaults(structure).withStopbandEdge(request.stopbandEdge());
        System.out.printf("designing %s, stopband edge %.2fπ/N%n", structure, request.stopbandEdge());
        List<Double> losses = new ArrayList<>();
        FilterBankDesign design = FilterBankDesigner.design(options, p -> {
            losses.add(p.loss());
            if (p.iteration() % 100 == 0) {
                System.out.printf("  %s  p = %-4.0f iterate %4d  loss %8.3f dB%n", p.structure(), p.exponent(),
                        p.iteration(), p.loss());
            }
        });
        Map<String, Object> metrics = new LinkedHashMap<>();
        try (Scope scope = Scope.open(); ModulatedFilterBank bank = design.bank()) {
            BankMetrics m = BankMetrics.measure(bank, request.stopbandEdge());
            double[][] analysis = rows(bank.analysisFilters().toDoubleArray(), structure.subbands());
            double[][] synthesis = rows(bank.synthesisFilters().toDoubleArray(), structure.subbands());
            double[] prototype = bank.prototype().toDoubleArray();
            Map<String, Object> filters = new LinkedHashMap<>();
            filters.put("subbands", structure.subbands());
            filters.put("analysis", analysis);
            filters.put("synthesis", synthesis);
            filters.put("prototype", prototype);
            writeJson(outDir.resolve("filterbank.json"), filters);
            metrics.put("subbands", structure.subbands());
            metrics.put("zero_delay_stages", structure.zeroDelayStages());
            metrics.put("maximum_delay_stages", structure.maximumDelayStages());
            metrics.put("filter_length", structure.length());
            metrics.put("stopband_edge", request.stopbandEdge());
            metrics.put("stopband_attenuation_db", m.stopbandAttenuationDb());
            metrics.put("prototype_attenuation_db", m.prototypeAttenuationDb());
            metrics.put("passband_attenuation_db", m.passbandAttenuationDb());
            metrics.put("passband_ripple_db", m.passbandRippleDb());
            metrics.put("reconstruction_snr_db", m.reconstructionSnrDb());
            metrics.put("delay", m.delay());
            metrics.put("seconds", design.seconds());
            metrics.put("iterates", design.iterates());
            metrics.put("subband_attenuation_db", m.subbandAttenuationDb());
            writeJson(outDir.resolve("metrics.json"), metrics);
            FilterBankPlots.write(outDir, bank, losses, request.stopbandEdge());
            System.out.printf("worst subband %.2f dB, prototype %.2f dB, passband %.2f dB / ripple %.2f dB,"
                    + " delay %d, reconstruction SNR %.1f dB, %.1f s%n", m.stopbandAttenuationDb(),
                    m.prototypeAttenuationDb(), m.passbandAttenuationDb(), m.passbandRippleDb(), m.delay(),
                    m.reconstructionSnrDb(), design.seconds());
        }
        return metrics;
    }

    private static double[][] rows(double[] flat, int count) {
        int length = flat.length / count;
        double[][] r = new double[count][length];
        for (int k = 0; k < count; k++) {
            System.arraycopy(flat, k * length, r[k], 0, length);
        }
        return r;
    }

    private static void writeJson(Path file, Map<String, Object> content) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            new GsonBuilder().serializeSpecialFloatingPointValues().create().toJson(content, w);
            w.write(System.lineSeparator());
        }
    }
}
