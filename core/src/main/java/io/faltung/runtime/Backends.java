package io.faltung.runtime;

import io.faltung.spi.Availability;
import io.faltung.spi.Backend;
import io.faltung.spi.BackendProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discovers backends with {@link ServiceLoader} and chooses one by {@link BackendPolicy}.
 *
 * <p>Discovery is pure: providers are instantiated and probed, nothing else. The choice is logged
 * in exactly one line, e.g. {@code backend: cpu (2 threads) — cuda skipped: no CUDA driver}. An
 * explicit request for a backend that cannot run throws with the probe's reason; there is no
 * silent fallback.
 */
public final class Backends {
    private static final Logger LOG = LoggerFactory.getLogger(Backends.class);
    private static volatile Backend current;

    private Backends() {
    }

    /** Every provider on the class path, highest priority first. */
    public static List<BackendProvider> providers() {
        List<BackendProvider> list = new ArrayList<>();
        ServiceLoader.load(BackendProvider.class).forEach(list::add);
        list.sort(Comparator.comparingInt(BackendProvider::priority).reversed());
        return list;
    }

    /** Opens the backend named by {@code policy} ({@code auto}, {@code cpu}, {@code cuda}, …). */
    public static Backend select(String policy) {
        return select(BackendPolicy.resolve(policy));
    }

    /** Opens the backend chosen by {@code policy}, logging the choice once. */
    public static Backend select(BackendPolicy policy) {
        List<BackendProvider> providers = providers();
        if (providers.isEmpty()) {
            throw new IllegalStateException("no Faltung backend on the class path: add faltung-cpu-backend"
                    + " (or faltung-cuda-backend) as a runtime dependency");
        }
        if (!policy.isAuto()) {
            for (BackendProvider p : providers) {
                if (p.name().equals(policy.name())) {
                    Availability a = probe(p);
                    if (!a.usable()) {
                        throw new IllegalStateException("backend '" + p.name() + "' was requested but cannot run: "
                                + a.reason());
                    }
                    Backend b = p.open();
                    LOG.info("backend: {}", b.description());
                    return b;
                }
            }
            throw new IllegalArgumentException("unknown backend '" + policy.name() + "'; available: "
                    + providers.stream().map(BackendProvider::name).toList() + " or auto");
        }
        List<String> skipped = new ArrayList<>();
        for (BackendProvider p : providers) {
            Availability a = probe(p);
            if (a.usable()) {
                Backend b = p.open();
                LOG.info("backend: {}{}", b.description(), skipped.isEmpty() ? "" : " — " + String.join("; ", skipped));
                return b;
            }
            skipped.add(p.name() + " skipped: " + a.reason());
        }
        throw new IllegalStateException("no usable backend: " + String.join("; ", skipped));
    }

    private static Availability probe(BackendProvider p) {
        try {
            return p.probe();
        } catch (RuntimeException | LinkageError e) {
            return Availability.unusable(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** The process-wide default backend, selected on first use from the property/environment policy. */
    public static Backend current() {
        Backend b = current;
        if (b == null) {
            synchronized (Backends.class) {
                if (current == null) {
                    current = select(BackendPolicy.resolve(null));
                }
                b = current;
            }
        }
        return b;
    }

    /** Makes {@code backend} the process-wide default for new tensors. */
    public static void use(Backend backend) {
        current = backend;
    }
}
