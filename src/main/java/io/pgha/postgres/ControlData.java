package io.pgha.postgres;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What {@code pg_controldata} says about a data directory (run with the C locale), keyed by the
 * label before the colon, e.g. {@code "Database cluster state"}. Typed accessors for what the HA
 * decisions need: system identifier, cluster state, checkpoint and minimum-recovery positions.
 */
public record ControlData(Map<String, String> values) {

    /** "Database cluster state" values (PostgreSQL's DBState). */
    public enum ClusterState {
        STARTING_UP("starting up"),
        SHUT_DOWN("shut down"),
        SHUT_DOWN_IN_RECOVERY("shut down in recovery"),
        SHUTTING_DOWN("shutting down"),
        IN_CRASH_RECOVERY("in crash recovery"),
        IN_ARCHIVE_RECOVERY("in archive recovery"),
        IN_PRODUCTION("in production"),
        UNKNOWN("unrecognized status code");

        private final String text;

        ClusterState(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }

        public static ClusterState fromText(String text) {
            for (ClusterState state : values()) {
                if (state.text.equals(text)) {
                    return state;
                }
            }
            return UNKNOWN;
        }
    }

    public ControlData {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static ControlData parse(String output) {
        Map<String, String> values = new LinkedHashMap<>();
        output.lines().forEach(line -> {
            int colon = line.indexOf(':');
            if (colon > 0) {
                values.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
        });
        return new ControlData(values);
    }

    public Optional<String> get(String label) {
        return Optional.ofNullable(values.get(label)).filter(v -> !v.isEmpty());
    }

    /** The cluster's identity, as printed (unsigned 64-bit decimal); empty when unknown or 0. */
    public Optional<String> systemIdentifier() {
        return get("Database system identifier").filter(id -> id.chars().allMatch(Character::isDigit) && !id.equals("0"));
    }

    public ClusterState clusterState() {
        return get("Database cluster state").map(ClusterState::fromText).orElse(ClusterState.UNKNOWN);
    }

    public long latestCheckpointLocation() {
        return lsn("Latest checkpoint location");
    }

    public long latestCheckpointRedoLocation() {
        return lsn("Latest checkpoint's REDO location");
    }

    public int latestCheckpointTimeline() {
        return integer("Latest checkpoint's TimeLineID");
    }

    public int latestCheckpointPrevTimeline() {
        return integer("Latest checkpoint's PrevTimeLineID");
    }

    public long minRecoveryEndingLocation() {
        return lsn("Minimum recovery ending location");
    }

    public int minRecoveryEndingTimeline() {
        return integer("Min recovery ending loc's timeline");
    }

    public boolean walLogHints() {
        return get("wal_log_hints setting").map("on"::equals).orElse(false);
    }

    public int dataPageChecksumVersion() {
        return get("Data page checksum version").map(Integer::parseInt).orElse(0);
    }

    /** pg_rewind can work on this cluster: wal_log_hints on or data checksums enabled. */
    public boolean rewindCapable() {
        return walLogHints() || dataPageChecksumVersion() > 0;
    }

    /**
     * A "{@code <name> setting}" value recorded at the last checkpoint, e.g. max_connections; a
     * standby refuses to run with less than its primary's.
     */
    public OptionalInt setting(String parameter) {
        String label = switch (parameter) {
            case "max_prepared_transactions" -> "max_prepared_xacts setting";
            case "max_locks_per_transaction" -> "max_locks_per_xact setting";
            default -> parameter + " setting";
        };
        return get(label).filter(v -> v.chars().allMatch(Character::isDigit))
                .map(v -> OptionalInt.of(Integer.parseInt(v))).orElse(OptionalInt.empty());
    }

    private long lsn(String label) {
        String value = get(label).orElseThrow(() -> missing(label));
        try {
            return Lsn.parse(value);
        } catch (IllegalArgumentException e) {
            throw new PostgresException("pg_controldata: '" + label + "' is not a WAL location: " + value);
        }
    }

    private int integer(String label) {
        String value = get(label).orElseThrow(() -> missing(label));
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new PostgresException("pg_controldata: '" + label + "' is not a number: " + value);
        }
    }

    private static PostgresException missing(String label) {
        return new PostgresException("pg_controldata did not report '" + label + "'");
    }
}
