package io.pgha.ha;

import java.util.Objects;

/**
 * A replication slot as configured or as found on a server: {@code type} is {@code physical} or
 * {@code logical}; {@code database} and {@code plugin} only for logical slots.
 */
public record SlotSpec(String name, String type, String database, String plugin) {

    public static final String PHYSICAL = "physical";
    public static final String LOGICAL = "logical";

    public SlotSpec {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a replication slot needs a name");
        }
        if (!PHYSICAL.equals(type) && !LOGICAL.equals(type)) {
            throw new IllegalArgumentException("replication slot type must be physical or logical, not " + type);
        }
        if (PHYSICAL.equals(type)) {
            database = null;
            plugin = null;
        }
    }

    public static SlotSpec physical(String name) {
        return new SlotSpec(name, PHYSICAL, null, null);
    }

    public static SlotSpec logical(String name, String database, String plugin) {
        return new SlotSpec(name, LOGICAL, database, plugin);
    }

    public boolean isLogical() {
        return LOGICAL.equals(type);
    }

    /** Same kind of slot (Patroni's compare_slots): same type, and for logical slots same database and plugin. */
    public boolean sameKindAs(SlotSpec other) {
        return type.equals(other.type) && (!isLogical()
                || Objects.equals(database, other.database) && Objects.equals(plugin, other.plugin));
    }
}
