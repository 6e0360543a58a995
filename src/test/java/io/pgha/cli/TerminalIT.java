package io.pgha.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.dcs.Dcs;
import io.pgha.dcs.EtcdGatewayDcs;
import io.pgha.testing.CaptureLoader;
import io.pgha.testing.CommandResult;
import io.pgha.testing.Commands;
import io.pgha.testing.EtcdFixture;
import io.pgha.testing.PghaClusterFixture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * dist/bin/pgha on a pseudo-terminal (util-linux {@code script}) against real etcd holding a captured
 * Patroni cluster: colours there, none through a pipe or with NO_COLOR, the table fitted to COLUMNS,
 * and {@code list -W} redrawing in place.
 */
class TerminalIT {
    private static final String ANSI = "\033\\[[0-9;?]*[a-zA-Z]";
    private static EtcdFixture etcd;

    @BeforeAll
    static void loadCapture() {
        etcd = EtcdFixture.startSingle();
        try (Dcs dcs = new EtcdGatewayDcs(etcd.settings())) {
            CaptureLoader.load(dcs, CaptureLoader.capture("healthy"));
        }
    }

    @AfterAll
    static void stopEtcd() {
        etcd.close();
    }

    private static String dcsUrl() {
        return "etcd3://127.0.0.1:" + etcd.members().get(0).clientPort();
    }

    /** Runs pgha with its standard output on a pseudo-terminal; what the terminal received. */
    private static String onTerminal(Map<String, String> env, Duration runFor, String... args) {
        StringBuilder command = new StringBuilder("exec timeout -s INT " + runFor.toSeconds() + " "
                + PghaClusterFixture.LAUNCHER + " -d " + dcsUrl());
        for (String arg : args) {
            command.append(' ').append(arg);
        }
        CommandResult result = Commands.run(List.of("script", "-q", "-e", "-c", command.toString(), "/dev/null"),
                runFor.plusSeconds(30), null, env);
        return result.stdout();
    }

    @Test
    void aTerminalGetsColouredRolesAndStatesAPipeAndNoColorDoNot() {
        String coloured = onTerminal(Map.of("TERM", "xterm", "COLUMNS", "200"), Duration.ofSeconds(30), "list", "demo");
        assertTrue(coloured.contains("\033[1;32mLeader"), coloured);
        String noColor = onTerminal(Map.of("TERM", "xterm", "COLUMNS", "200", "NO_COLOR", "1"), Duration.ofSeconds(30),
                "list", "demo");
        assertFalse(noColor.contains("\033["), noColor);
        CommandResult piped = Commands.run(List.of(PghaClusterFixture.LAUNCHER.toString(), "-d", dcsUrl(), "list", "demo"),
                Duration.ofSeconds(30));
        assertEquals(0, piped.exitCode(), piped.describe());
        assertFalse(piped.stdout().contains("\033["), piped.stdout());
        assertEquals(noColor.replace("\r\n", "\n"), piped.stdout());
    }

    @Test
    void aNarrowTerminalGetsATableThatFitsAndTheNamesOfTheColumnsLeftOut() {
        String narrow = onTerminal(Map.of("TERM", "xterm", "COLUMNS", "90", "NO_COLOR", "1"), Duration.ofSeconds(30),
                "list", "-e", "demo");
        for (String line : narrow.replace("\r\n", "\n").split("\n")) {
            if (line.startsWith("+") || line.startsWith("|")) {
                assertTrue(line.length() <= 90, line.length() + ": " + line);
            }
        }
        assertTrue(narrow.contains(" Left out to fit the terminal: "), narrow);
    }

    @Test
    void watchRedrawsInPlaceInsteadOfAppendingTables() {
        String screen = onTerminal(Map.of("TERM", "xterm", "COLUMNS", "200"), Duration.ofSeconds(20), "list", "-W", "demo");
        String visible = screen.replaceAll(ANSI, "");
        assertTrue(visible.contains("| Member"), screen);
        assertEquals(1, visible.split("\\| Member", -1).length - 1,
                "an unchanged table is not printed again on refresh: " + visible);
    }
}
