package io.pgha.postgres;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Copied logical slots land in pg_replslot/&lt;name&gt;/state, replacing an older copy, without leftovers. */
class SlotFilesTest {

    @Test
    void aCopiedSlotReplacesTheOldDirectoryAndLeavesNoTemporaryOne(@TempDir Path replslot) throws Exception {
        Files.createDirectories(replslot.resolve("cdc"));
        Files.write(replslot.resolve("cdc/state"), new byte[] {1, 2, 3});
        Files.write(replslot.resolve("cdc/xid-1.snap"), new byte[] {9});
        byte[] fresh = {4, 5, 6, 7};
        SlotFiles.install(replslot, List.of(new SlotState("cdc", "logical", "app", "pgoutput", 42L, fresh)));
        assertArrayEquals(fresh, Files.readAllBytes(replslot.resolve("cdc/state")));
        assertFalse(Files.exists(replslot.resolve("cdc/xid-1.snap")), "nothing of the old copy stays");
        assertFalse(Files.exists(replslot.resolve("cdc.tmp")));
    }

    @Test
    void aNameThatIsNoSlotNameIsRefused(@TempDir Path replslot) {
        assertThrows(IllegalArgumentException.class, () -> SlotFiles.install(replslot,
                List.of(new SlotState("../escape", "logical", "app", "pgoutput", 1L, new byte[] {1}))));
        assertFalse(Files.exists(replslot.getParent().resolve("escape")));
    }
}
