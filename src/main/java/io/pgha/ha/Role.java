package io.pgha.ha;

/** The agent's role for its PostgreSQL, as published in the member key (ha-loop.md §0). */
public enum Role {
    PRIMARY("primary"),
    /** A promote was issued and has not finished yet; callbacks see "primary". */
    PROMOTED("promoted"),
    REPLICA("replica"),
    STANDBY_LEADER("standby_leader"),
    /** Stopped by a demotion and not yet restarted as a replica. */
    DEMOTED("demoted"),
    UNINITIALIZED("uninitialized");

    private final String patroniName;

    Role(String patroniName) {
        this.patroniName = patroniName;
    }

    /** The string Patroni 4.x writes; 3.x readers expect "master" for {@link #PRIMARY}. */
    public String patroniName() {
        return patroniName;
    }

    public boolean isPrimaryLike() {
        return this == PRIMARY || this == PROMOTED;
    }
}
