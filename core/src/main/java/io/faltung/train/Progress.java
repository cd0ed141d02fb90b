package io.faltung.train;

/** How {@link Trainer#fit} reports progress. */
public enum Progress {
    /** A progress bar on a terminal ({@code System.console() != null}), else {@link #LINES}. */
    AUTO,
    /** A progress bar per epoch showing loss and accuracy, then the epoch's line. */
    BAR,
    /** One plain line per epoch (for logs and pipes). */
    LINES,
    /** Nothing. */
    NONE
}
