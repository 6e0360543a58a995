package io.pgha.ha;

/**
 * A non-temporary slot the local server has, with its positions in bytes (null when unset): what the
 * slot planning needs of pg_replication_slots.
 */
public record ExistingSlot(SlotSpec spec, boolean active, Long restartLsn, Long confirmedFlushLsn) {

    public String name() {
        return spec.name();
    }

    /** Where the slot stands: confirmed_flush_lsn of a logical slot, restart_lsn of a physical one. */
    public Long position() {
        return spec.isLogical() ? confirmedFlushLsn : restartLsn;
    }
}
