package io.pgha.ha;

/** PostgreSQL state as the agent tracks and publishes it (keyspace.md §3.1, same order as Patroni's enum). */
public enum PostgresState {
    INITIALIZING_NEW_CLUSTER("initializing new cluster"),
    INITDB_FAILED("initdb failed"),
    RUNNING_CUSTOM_BOOTSTRAP_SCRIPT("running custom bootstrap script"),
    CUSTOM_BOOTSTRAP_FAILED("custom bootstrap failed"),
    CREATING_REPLICA("creating replica"),
    RUNNING("running"),
    STARTING("starting"),
    STARTING_AFTER_CUSTOM_BOOTSTRAP("starting after custom bootstrap"),
    START_FAILED("start failed"),
    RESTARTING("restarting"),
    RESTART_FAILED("restart failed"),
    STOPPING("stopping"),
    STOPPED("stopped"),
    STOP_FAILED("stop failed"),
    CRASHED("crashed");

    private final String patroniName;

    PostgresState(String patroniName) {
        this.patroniName = patroniName;
    }

    public String patroniName() {
        return patroniName;
    }

    /** A postmaster that was believed up and is found gone counts as crashed (ha-loop.md §5.3). */
    public boolean countsAsCrashed() {
        return this == RUNNING || isStarting() || this == CRASHED;
    }

    /** Started but not yet accepting connections; after a custom bootstrap that lasts until its recovery ends. */
    public boolean isStarting() {
        return this == STARTING || this == STARTING_AFTER_CUSTOM_BOOTSTRAP;
    }
}
