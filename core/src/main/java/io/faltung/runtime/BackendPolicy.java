package io.faltung.runtime;

import java.util.Locale;

/**
 * Which backend a job wants: a provider name ({@code cpu}, {@code cuda}, …) or {@code auto}.
 * Read from an explicit option, else the system property {@code faltung.backend}, else the
 * environment variable {@code FALTUNG_BACKEND}, else {@code auto}.
 */
public record BackendPolicy(String name) {

    /** The property consulted when no explicit policy is given. */
    public static final String PROPERTY = "faltung.backend";
    /** The environment variable consulted after the property. */
    public static final String ENVIRONMENT = "FALTUNG_BACKEND";

    /** Normalises the name. */
    public BackendPolicy {
        name = name.trim().toLowerCase(Locale.ROOT);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty backend policy; use auto, cpu or cuda");
        }
    }

    /** {@code auto}: the highest-priority usable backend. */
    public static BackendPolicy auto() {
        return new BackendPolicy("auto");
    }

    /** The policy from {@code option} if non-null, else from the property, the environment, or auto. */
    public static BackendPolicy resolve(String option) {
        if (option != null && !option.isBlank()) {
            return new BackendPolicy(option);
        }
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            return new BackendPolicy(property);
        }
        String env = System.getenv(ENVIRONMENT);
        if (env != null && !env.isBlank()) {
            return new BackendPolicy(env);
        }
        return auto();
    }

    /** Whether this is the {@code auto} policy. */
    public boolean isAuto() {
        return name.equals("auto");
    }
}
