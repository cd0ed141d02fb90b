package io.faltung.examples;

import io.faltung.io.job.JobRunner;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns SIGTERM and SIGINT (Ctrl-C) into a checkpoint-and-stop request. The JVM runs shutdown
 * hooks on those signals; the hook asks the runner to stop at the next step boundary and waits
 * (up to {@value #GRACE_SECONDS} s) until the training thread has written the checkpoint and
 * printed its line, then lets the JVM exit with the signal's status (143 or 130). Standard API
 * only: no {@code sun.misc.Signal}. Closing the object after a normal run removes the hook.
 */
final class SignalStop implements AutoCloseable {
    static final int GRACE_SECONDS = 120;

    private final Thread hook;
    private final CountDownLatch done = new CountDownLatch(1);

    private SignalStop(JobRunner runner) {
        this.hook = new Thread(() -> {
            runner.requestStop("received SIGTERM or SIGINT");
            try {
                if (!done.await(GRACE_SECONDS, TimeUnit.SECONDS)) {
                    System.err.println("error: no checkpoint within " + GRACE_SECONDS + " s of the signal; exiting"
                            + " without one (the previous checkpoint is intact)");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "faltung-signal-stop");
    }

    /** Installs the shutdown hook for {@code runner}. */
    static SignalStop install(JobRunner runner) {
        SignalStop s = new SignalStop(runner);
        Runtime.getRuntime().addShutdownHook(s.hook);
        return s;
    }

    /** Training has stopped (checkpoint written, line printed): the hook may let the JVM exit. */
    void stopped() {
        done.countDown();
    }

    @Override
    public void close() {
        done.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: the JVM is exiting because of a signal
        }
    }
}
