package io.faltung.examples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** What an example gets from the command line, and where its results go. */
public final class Run {
    private final Path out;
    private final long seed;
    private final Integer epochs;
    private final Metrics metrics = new Metrics();
    private final List<Path> plots = new ArrayList<>();
    private final Map<String, String> settings;
    private final Set<String> settingsRead = new HashSet<>();
    private boolean epochsRead;

    /** A run writing into {@code out} (existing), with {@code epochs} {@code null} when not given. */
    public Run(Path out, long seed, Integer epochs) {
        this(out, seed, epochs, Map.of());
    }

    /** A run with the example's own settings ({@code --set NAME=VALUE}). */
    public Run(Path out, long seed, Integer epochs, Map<String, String> settings) {
        this.out = out;
        this.seed = seed;
        this.epochs = epochs;
        this.settings = new LinkedHashMap<>(settings);
    }

    /** The integer setting {@code name} given with {@code --set}, else {@code defaultValue}. */
    public int setting(String name, int defaultValue) {
        return setting(name, defaultValue, Integer::parseInt, "a whole number");
    }

    /** The number setting {@code name} given with {@code --set}, else {@code defaultValue}. */
    public double setting(String name, double defaultValue) {
        return setting(name, defaultValue, Double::parseDouble, "a number");
    }

    private <T> T setting(String name, T defaultValue, Function<String, T> parse, String expected) {
        settingsRead.add(name);
        String v = settings.get(name);
        try {
            return v == null ? defaultValue : parse.apply(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--set " + name + "=" + v + ": expected " + expected, e);
        }
    }

    /** Settings given with {@code --set} that the example never asked for. */
    List<String> unusedSettings() {
        List<String> unused = new ArrayList<>(settings.keySet());
        unused.removeAll(settingsRead);
        return unused;
    }

    /** The output directory (exists). */
    public Path out() {
        return out;
    }

    /** The seed for every random choice of the example. */
    public long seed() {
        return seed;
    }

    /** The number of epochs asked for with {@code --epochs}, else {@code defaultEpochs}. */
    public int epochs(int defaultEpochs) {
        epochsRead = true;
        return epochs != null ? epochs : defaultEpochs;
    }

    /** Whether {@code --epochs} was given but the example never asked for it. */
    boolean epochsIgnored() {
        return epochs != null && !epochsRead;
    }

    /** The final figures, written to {@code metrics.json} after the example returns. */
    public Metrics metrics() {
        return metrics;
    }

    /** A new chart that {@link Plot#save()} writes to {@code out/<name>.png}. */
    public Plot plot(String name, String title, String xLabel, String yLabel) {
        Path file = out.resolve(name + ".png");
        plots.add(file);
        return new Plot(file, title, xLabel, yLabel);
    }

    /** The path {@code out/<name>.png} for a picture the example draws itself (listed with the plots). */
    public Path image(String name) {
        Path file = out.resolve(name + ".png");
        plots.add(file);
        return file;
    }

    /** The PNG files of the plots made so far. */
    List<Path> plots() {
        return List.copyOf(plots);
    }
}
