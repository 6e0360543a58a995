package io.pgha.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PostmasterLogTest {
    @Test
    void aBadSettingIsNamedBeforeTheFatalLine() {
        String log = """
                2026-11-26 00:06:09.055 UTC [6445] LOG:  invalid value for parameter "work_mem": "lots"
                2026-11-26 00:06:09.056 UTC [6445] FATAL:  configuration file "/d/postgresql.conf" contains errors
                """;
        assertEquals("LOG: invalid value for parameter \"work_mem\": \"lots\"; "
                + "FATAL: configuration file \"/d/postgresql.conf\" contains errors", PostgresProcess.logReason(log));
    }

    @Test
    void hintsFollowTheirFatalLineAndRoutineLinesAreLeftOut() {
        String log = """
                2026-11-26 00:06:09.055 UTC [1] LOG:  starting PostgreSQL 15.18 on x86_64-pc-linux-gnu
                2026-11-26 00:06:09.056 UTC [1] FATAL:  lock file "postmaster.pid" already exists
                2026-11-26 00:06:09.056 UTC [1] HINT:  Is another postmaster (PID 42) running in data directory "/d"?
                """;
        assertEquals("FATAL: lock file \"postmaster.pid\" already exists; "
                + "HINT: Is another postmaster (PID 42) running in data directory \"/d\"?", PostgresProcess.logReason(log));
    }
}
