package io.faltung.examples;

import java.util.List;
import java.util.Optional;

/** Every example the jar can run, in the order they are listed. Adding an example is one line here. */
public final class Examples {
    private static final List<Example> ALL = List.of(
            new NeuronExample(),
            new NumericsExample(),
            new DenseExample(),
            new MnistMlpExample(),
            new MnistCnnExample(),
            new RampExample(),
            new FilterImageExample(),
            new FashionMnistExample(),
            new OddCnnExample(),
            new SineRnnExample(),
            new LorenzExample(),
            new OscillatorExample(),
            new FilterBankExample());

    private Examples() {
    }

    /** All examples. */
    public static List<Example> all() {
        return ALL;
    }

    /** The example called {@code name}. */
    public static Optional<Example> find(String name) {
        return ALL.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /** The listing shown by a bare run: one line per example. */
    public static String listing() {
        int width = ALL.stream().mapToInt(e -> e.name().length()).max().orElse(0);
        StringBuilder sb = new StringBuilder();
        for (Example e : ALL) {
            sb.append(String.format("  %-" + width + "s  %s%n", e.name(), e.description()));
        }
        return sb.toString();
    }
}
