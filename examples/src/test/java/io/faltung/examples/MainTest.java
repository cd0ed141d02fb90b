package io.faltung.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs examples in-process into a temporary directory and checks what they wrote. */
class MainTest {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TempDir
    Path dir;

    static JsonObject runExample(Path out, String... args) throws IOException {
        String[] all = Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--out";
        all[args.length + 1] = out.toString();
        assertEquals(0, Main.run(all), "exit code of " + String.join(" ", all));
        return JsonParser.parseString(Files.readString(out.resolve("metrics.json"))).getAsJsonObject();
    }

    static void assertPngs(Path out, String... names) throws IOException {
        for (String name : names) {
            Path png = out.resolve(name + ".png");
            assertTrue(Files.isRegularFile(png), png + " missing");
            try (InputStream in = Files.newInputStream(png)) {
                assertArrayEquals(PNG_SIGNATURE, in.readNBytes(8), png + " is not a PNG");
            }
            assertTrue(Files.size(png) > 2000, png + " is suspiciously small");
        }
    }

    @Test
    void neuronDeltaRuleAndFiniteDifferencesAgree() throws IOException {
        JsonObject m = runExample(dir, "neuron", "--seed", "7");
        assertEquals("neuron", m.get("example").getAsString());
        assertEquals(7, m.get("seed").getAsLong());
        assertTrue(m.get("max_weight_difference").getAsDouble() < 1e-6, m.toString());
        assertTrue(m.get("final_output_pattern_1").getAsDouble() > 0.8, m.toString());
        assertTrue(m.get("final_output_pattern_2").getAsDouble() < 0.2, m.toString());
        assertEquals(5, m.get("weights_delta_rule").getAsJsonArray().size());
        assertPngs(dir, "neuron-error", "neuron-output", "neuron-weights");
    }

    @Test
    void numericsConvergeToTheKnownAnswers() throws IOException {
        JsonObject m = runExample(dir, "numerics");
        assertEquals(577.0 / 408, m.get("sqrt2").getAsDouble(), 1e-12, "three Newton steps from 1 give 577/408");
        assertEquals(Math.PI, m.get("pi_newton").getAsDouble(), 1e-12);
        assertEquals(Math.PI, m.get("gd_x1").getAsDouble(), 1e-9);
        assertEquals(Math.PI / 2, m.get("gd_x2").getAsDouble(), 1e-9);
        assertPngs(dir, "numerics-convergence");
    }

    @Test
    void denseNetworkLearnsTheFourSamples() throws IOException {
        JsonObject m = runExample(dir, "dense");
        double initial = m.get("initial_loss").getAsDouble();
        double last = m.get("final_loss").getAsDouble();
        assertTrue(initial > 0.1 && last < 0.05 && last < initial / 5, m.toString());
        assertEquals(100, m.get("epochs").getAsInt());
        double[] outputs = new double[4];
        for (int i = 0; i < 4; i++) {
            outputs[i] = m.get("outputs").getAsJsonArray().get(i).getAsDouble();
        }
        assertTrue(outputs[0] > 0.5 && outputs[1] < 0.5 && outputs[2] > 0.5 && outputs[3] > 0.5,
                Arrays.toString(outputs));
        assertPngs(dir, "dense-loss");
    }

    @Test
    void epochsOptionReachesTheExample() throws IOException {
        assertEquals(3, runExample(dir, "dense", "--epochs", "3").get("epochs").getAsInt());
    }

    @Test
    void bareRunListsEveryExample() {
        String listing = captureStdout(() -> assertEquals(0, Main.run()));
        for (Example e : Examples.all()) {
            assertTrue(listing.contains(e.name()) && listing.contains(e.description()), listing);
        }
        assertTrue(listing.contains("--backend"), listing);
    }

    @Test
    void unknownExampleOrBackendIsAUsageError() {
        assertEquals(2, Main.run("no-such-example"));
        assertEquals(2, Main.run("neuron", "--backend", "no-such-backend", "--out", dir.toString()));
        assertEquals(2, Main.run("neuron", "--epochs", "0", "--out", dir.toString()));
    }

    @Test
    void everyExampleHasAUniqueNameAndADescription() {
        List<String> names = Examples.all().stream().map(Example::name).toList();
        assertEquals(names.size(), names.stream().distinct().count(), names.toString());
        Examples.all().forEach(e -> assertTrue(e.name().matches("[a-z0-9-]+") && !e.description().isBlank()));
    }

    @Test
    void relaunchCommandAddsTheVectorModuleAndKeepsArguments() {
        List<String> cmd = Relaunch.command(new String[] {"neuron", "--seed", "3"});
        assertEquals(List.of("--add-modules", "jdk.incubator.vector"), cmd.subList(1, 3));
        assertEquals(List.of(Main.class.getName(), "neuron", "--seed", "3"), cmd.subList(cmd.size() - 4, cmd.size()));
        assertTrue(cmd.contains("-cp"));
        boolean chosen = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .anyMatch(o -> o.matches("-XX:[+-]Use\\w*GC"));
        assertEquals(!chosen, cmd.contains("-XX:+UseSerialGC"), "the serial collector unless one was chosen: " + cmd);
        long launched = Long.parseLong(cmd.stream().filter(o -> o.startsWith("-D" + Relaunch.LAUNCHED + "="))
                .findFirst().orElseThrow().substring(Relaunch.LAUNCHED.length() + 3));
        assertEquals(ManagementFactory.getRuntimeMXBean().getStartTime(), launched);
    }

    @Test
    void secondsSinceLaunchCountFromTheFirstJvmWhenRelaunched() {
        String before = System.getProperty(Relaunch.LAUNCHED);
        try {
            System.setProperty(Relaunch.LAUNCHED, Long.toString(System.currentTimeMillis() - 5_000));
            double seconds = Relaunch.secondsSinceLaunch();
            assertTrue(seconds >= 5 && seconds < 60, seconds + " s");
            System.clearProperty(Relaunch.LAUNCHED);
            assertEquals(ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0, Relaunch.secondsSinceLaunch(), 1.0);
        } finally {
            if (before != null) {
                System.setProperty(Relaunch.LAUNCHED, before);
            }
        }
    }

    private static String captureStdout(Runnable body) {
        PrintStream old = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setOut(old);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
