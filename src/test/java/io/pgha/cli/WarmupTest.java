package io.pgha.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The training run behind the launcher's archive goes through every path it means to, successfully. */
class WarmupTest {

    @Test
    void everyCommandLineEndsAsItDoesForAUser() throws IOException {
        assertEquals(List.of(), Warmup.run(), "a failing training run leaves the CLI without its archive");
    }
}
