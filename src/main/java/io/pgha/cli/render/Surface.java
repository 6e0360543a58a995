package io.pgha.cli.render;

/**
 * Which patronictl's output pgha reproduces. {@link #PATRONI_4_1} is pgha's default; {@link #PATRONI_3_0}
 * is what Debian's patronictl 3.0.2 prints ({@code Lag in MB}, no sysid in the title, member state only).
 */
public enum Surface {
    PATRONI_4_1, PATRONI_3_0
}
