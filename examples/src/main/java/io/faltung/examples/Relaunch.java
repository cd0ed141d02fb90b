package io.faltung.examples;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.RuntimeMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Makes sure the JVM has the Vector API module, which the CPU backend's kernels use and
 * {@code java -jar} does not load. Without it, the examples jar starts itself once more with
 * {@code --add-modules jdk.incubator.vector}: the same java binary, the same JVM options, the same
 * class path and arguments, sharing this process's terminal; this process then exits with the
 * child's exit code. The variable {@value #GUARD} marks the child so it never relaunches again.
 *
 * <p>Two options are added for the child. {@code -XX:+UseSerialGC}, unless a collector was chosen:
 * the examples keep little data but allocate fast, and G1's default sizing grew mnist-cnn's heap to
 * 0.74 GB for 130 MB of live data (peak RSS 0.82 GB over 400 LeNet steps) where the serial
 * collector stayed at 0.48 GB for the same CPU time. And {@code -D}{@value #LAUNCHED}, this JVM's
 * start time, so that times measured from launch ({@link #secondsSinceLaunch()}) include this JVM's
 * start and the relaunch.
 */
final class Relaunch {
    /** Set in the relaunched process's environment. */
    static final String GUARD = "FALTUNG_RELAUNCHED";
    static final String MODULE = "jdk.incubator.vector";
    /** System property: the start of the first JVM, in milliseconds since the epoch. */
    static final String LAUNCHED = "faltung.examples.launched";

    private Relaunch() {
    }

    /** Seconds since the launch: since the first JVM started when this one was relaunched, else this JVM's uptime. */
    static double secondsSinceLaunch() {
        String launched = System.getProperty(LAUNCHED);
        if (launched != null) {
            try {
                return (System.currentTimeMillis() - Long.parseLong(launched)) / 1000.0;
            } catch (NumberFormatException e) {
                // not ours: fall back to the uptime
            }
        }
        return ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0;
    }

    /** The child's exit code if this process relaunched itself, empty if it should go on running. */
    static OptionalInt ifVectorModuleMissing(String[] args) {
        if (ModuleLayer.boot().findModule(MODULE).isPresent()) {
            return OptionalInt.empty();
        }
        if (System.getenv(GUARD) != null) {
            System.err.println("warning: relaunched with --add-modules " + MODULE + " but the module is still missing;"
                    + " the CPU backend may be unavailable");
            return OptionalInt.empty();
        }
        ProcessBuilder pb = new ProcessBuilder(command(args)).inheritIO();
        pb.environment().put(GUARD, "1");
        try {
            Process child = pb.start();
            // A signal to this process (kill, SIGTERM) reaches the child too, and this process waits for it, so
            // that the child can finish what it must (e.g. write a checkpoint) instead of being orphaned.
            Thread forward = new Thread(() -> {
                child.destroy();
                try {
                    child.waitFor();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "faltung-relaunch-forward");
            Runtime.getRuntime().addShutdownHook(forward);
            int code = child.waitFor();
            try {
                Runtime.getRuntime().removeShutdownHook(forward);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: the JVM exits with the signal's status once the child has
            }
            return OptionalInt.of(code);
        } catch (IOException e) {
            System.err.println("warning: could not relaunch with --add-modules " + MODULE + " (" + e.getMessage()
                    + "); run 'java --add-modules " + MODULE + " -jar faltung-examples.jar …' instead");
            return OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.of(130);
        }
    }

    /**
     * {@code java --add-modules jdk.incubator.vector [-XX:+UseSerialGC] -Dfaltung.examples.launched=<start>
     * <this JVM's options> -cp <class path> Main <args>}.
     */
    static List<String> command(String[] args) {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        RuntimeMXBean runtime = ManagementFactory.getRuntimeMXBean();
        List<String> options = runtime.getInputArguments();
        List<String> cmd = new ArrayList<>(List.of(java, "--add-modules", MODULE));
        if (options.stream().noneMatch(o -> o.matches("-XX:[+-]Use\\w*GC"))) {
            cmd.add("-XX:+UseSerialGC");
        }
        cmd.add("-D" + LAUNCHED + "=" + runtime.getStartTime());
        cmd.addAll(options);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        return cmd;
    }
}
