package io.faltung.examples;

/**
 * One runnable example: a name for the command line, a one-line description for the listing,
 * and a body that trains or computes something, puts its final figures into
 * {@link Run#metrics()} and draws its curves with {@link Run#plot}.
 */
public interface Example {
    /** The command-line name, e.g. {@code mnist-mlp}. */
    String name();

    /** One line shown when the jar is run without arguments. */
    String description();

    /** Runs the example; the backend is already selected and {@link Run#out()} exists. */
    void run(Run run) throws Exception;
}
