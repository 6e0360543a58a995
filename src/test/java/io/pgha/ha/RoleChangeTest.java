package io.pgha.ha;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which (re)starts and reloads Patroni 3.0.2's follow() announces as on_role_change. */
class RoleChangeTest {
    @Test
    void aFormerOrDemotedPrimaryAndTheStandbyLeaderReplicaSwapsAreRoleChanges() {
        assertTrue(RoleChange.announced(Role.PRIMARY, Role.REPLICA));
        assertTrue(RoleChange.announced(Role.DEMOTED, Role.REPLICA));
        assertTrue(RoleChange.announced(Role.REPLICA, Role.STANDBY_LEADER));
        assertTrue(RoleChange.announced(Role.STANDBY_LEADER, Role.REPLICA));
    }

    @Test
    void keepingTheRoleOrComingFromNothingIsAStartOrReload() {
        assertFalse(RoleChange.announced(Role.REPLICA, Role.REPLICA));
        assertFalse(RoleChange.announced(Role.STANDBY_LEADER, Role.STANDBY_LEADER));
        assertFalse(RoleChange.announced(Role.UNINITIALIZED, Role.REPLICA));
        assertFalse(RoleChange.announced(Role.UNINITIALIZED, Role.STANDBY_LEADER));
        assertFalse(RoleChange.announced(Role.PROMOTED, Role.REPLICA), "Patroni's list has master, primary, demoted only");
    }
}
