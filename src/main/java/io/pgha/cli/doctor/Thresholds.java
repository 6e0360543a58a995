package io.pgha.cli.doctor;

/** The limits the checks judge by, in bytes; each comes from a doctor option with a common-practice default. */
public record Thresholds(long lagWarning, long lagCritical, long slotWalCritical, long walWarning, long walCritical) {
    public static final Thresholds DEFAULTS = new Thresholds(100L << 20, 1L << 30, 1L << 30, 2L << 30, 8L << 30);
}
