package io.faltung.examples;

import io.faltung.data.mnist.MnistUnavailableException;
import io.faltung.runtime.Backends;
import io.faltung.spi.Backend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The examples jar: {@code java -jar faltung-examples.jar <example> [--backend auto|cpu|cuda]
 * [--epochs N] [--seed S] [--out DIR]}. Run bare, it lists the examples. Each run writes
 * {@code DIR/metrics.json} and the example's PNG plots. See {@link Relaunch} for why the jar may
 * start a second JVM.
 */
@Command(name = "faltung-examples", mixinStandardHelpOptions = true, version = "Faltung examples 0.1.0",
        customSynopsis = "java -jar faltung-examples.jar <example> [--backend auto|cpu|cuda] [--epochs N] [--seed S]"
                + " [--out DIR] [--set NAME=VALUE]…",
        description = "Runs one Faltung example and writes DIR/metrics.json and PNG plots.",
        sortOptions = false)
public final class Main implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "<example>", description = "which example to run (listed below)")
    private String example;

    @Option(names = "--backend", paramLabel = "auto|cpu|cuda",
            description = "compute backend; default: -Dfaltung.backend, else FALTUNG_BACKEND, else auto")
    private String backend;

    @Option(names = "--epochs", paramLabel = "N", description = "training epochs (default: the example's own)")
    private Integer epochs;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "random seed (default: ${DEFAULT-VALUE})")
    private long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "output directory (default: out/<example>)")
    private Path out;

    @Option(names = "--set", paramLabel = "NAME=VALUE",
            description = "a setting of the example itself, e.g. --set subbands=32 (repeatable)")
    private Map<String, String> settings = new LinkedHashMap<>();

    /**
     * Entry point of the jar: relaunches with the Vector API module if needed, then runs. The CPU
     * backend is opened while the command line is parsed ({@link EarlyBackend}).
     */
    public static void main(String[] args) {
        OptionalInt relaunched = Relaunch.ifVectorModuleMissing(args);
        if (relaunched.isPresent()) {
            System.exit(relaunched.getAsInt());
        }
        EarlyBackend.start(args);
        System.exit(run(args));
    }

    /** Parses {@code args} and runs in this JVM; returns the exit code (0 ok, 1 failed, 2 usage). */
    public static int run(String... args) {
        System.setProperty("java.awt.headless", "true");
        CommandLine cmd = new CommandLine(new Main()).addSubcommand("train", new JobCommand()).setUsageHelpWidth(120);
        cmd.getCommandSpec().usageMessage().footerHeading("%nExamples:%n")
                .footer(Examples.listing().replace("%", "%%").split("\\R"));
        return cmd.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        if (example == null) {
            spec.commandLine().usage(System.out);
            return 0;
        }
        Example chosen = Examples.find(example).orElse(null);
        if (chosen == null) {
            System.err.printf("unknown example '%s'; the examples are:%n%s", example, Examples.listing());
            return 2;
        }
        if (epochs != null && epochs < 1) {
            System.err.println("--epochs must be at least 1, not " + epochs);
            return 2;
        }
        Backend selected;
        try {
            selected = EarlyBackend.select(backend);
        } catch (IllegalStateException | IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        try (Backend b = selected) {
            Backends.use(b);
            return runExample(chosen, b, out != null ? out : Path.of("out", chosen.name()));
        } catch (MnistUnavailableException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private int runExample(Example chosen, Backend b, Path dir) throws Exception {
        Files.createDirectories(dir);
        Run run = new Run(dir, seed, epochs, settings);
        run.metrics().put("example", chosen.name()).put("backend", b.description()).put("seed", seed);
        long start = System.nanoTime();
        chosen.run(run);
        run.metrics().put("wall_seconds", (System.nanoTime() - start) / 1e9);
        Path metrics = dir.resolve("metrics.json");
        run.metrics().write(metrics);
        System.out.println("wrote " + metrics + (run.plots().isEmpty() ? "" : " and "
                + run.plots().stream().map(p -> p.getFileName().toString()).collect(Collectors.joining(", "))));
        if (run.epochsIgnored()) {
            System.err.println("note: " + chosen.name() + " has no epochs; --epochs was ignored");
        }
        for (String unused : run.unusedSettings()) {
            System.err.println("note: " + chosen.name() + " has no setting '" + unused + "'; it was ignored");
        }
        return 0;
    }
}
