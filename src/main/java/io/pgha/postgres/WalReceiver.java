package io.pgha.postgres;

/** This replica's WAL receiver (pg_stat_wal_receiver): its status and what it streams from. */
public record WalReceiver(String status, int receivedTimeline, String slotName, String senderHost,
        Integer senderPort) {
    public boolean streaming() {
        return "streaming".equals(status);
    }
}
