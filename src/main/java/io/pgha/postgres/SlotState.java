package io.pgha.postgres;

/**
 * A primary's logical slot as a replica copies it: its kind, its confirmed position and the raw content
 * of {@code pg_replslot/<name>/state} (ha-loop.md §16.4 step 6).
 */
public record SlotState(String name, String type, String database, String plugin, Long confirmedFlushLsn,
                        byte[] state) {
    @Override
    public String toString() {
        return "SlotState[" + name + ", " + type + ", " + database + ", " + plugin + ", " + state.length + " bytes]";
    }
}
