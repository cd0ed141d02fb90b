package io.faltung.spi;

/** Result of a side-effect-free {@link BackendProvider#probe()}: usable or not, and why. */
public record Availability(boolean usable, String reason) {

    /** A usable backend; {@code detail} describes it (device, threads, library versions). */
    public static Availability usable(String detail) {
        return new Availability(true, detail);
    }

    /** An unusable backend and the reason, phrased for the user. */
    public static Availability unusable(String reason) {
        return new Availability(false, reason);
    }
}
