package io.pgha.postgres;

/** pg_ctl's shutdown modes: wait for clients, disconnect them, or abort without a checkpoint. */
public enum StopMode {
    SMART, FAST, IMMEDIATE;

    String pgCtlName() {
        return name().toLowerCase();
    }
}
