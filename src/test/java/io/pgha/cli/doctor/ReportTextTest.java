package io.pgha.cli.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.cli.render.OutputFormat;
import io.pgha.cli.render.Style;
import io.pgha.dcs.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report as a person reads it and as monitoring parses it. */
class ReportTextTest {
    private static final Report REPORT = new Report("demo", List.of(
            Finding.ok("leader", "node1 holds the leader key", "why", "pgha list demo"),
            Finding.warning("pause", "cluster is paused", "no failover while paused", "pgha resume demo")));

    @Test
    void prettyShowsStatusEachFindingAndForProblemsWhyAndFix() {
        String text = ReportText.render(REPORT, OutputFormat.PRETTY, Style.PLAIN);
        assertEquals("""
                Cluster demo: WARNING (0 critical, 1 warning, 0 unknown, 1 ok)
                OK       leader  node1 holds the leader key
                WARNING  pause   cluster is paused
                                 why: no failover while paused
                                 fix: pgha resume demo
                """, text);
    }

    @Test
    void onATerminalSeveritiesAreColouredWithoutShiftingColumns() {
        String text = ReportText.render(REPORT, OutputFormat.PRETTY, ReportText.COLOURS);
        assertTrue(text.contains("\033[33mWARNING \033[0m pause"), text);
        assertEquals(ReportText.render(REPORT, OutputFormat.PRETTY, Style.PLAIN), text.replaceAll("\033\\[[0-9;]*m", ""));
    }

    @Test
    void jsonCarriesStatusExitCodeAndFindings() {
        String text = ReportText.render(REPORT, OutputFormat.JSON, Style.PLAIN);
        Map<?, ?> document = (Map<?, ?>) Json.parse(text).orElseThrow();
        assertEquals("warning", document.get("status"));
        assertEquals(1L, ((Number) document.get("exit_code")).longValue());
        List<?> findings = (List<?>) document.get("findings");
        assertEquals(Map.of("check", "pause", "severity", "warning", "summary", "cluster is paused",
                "why", "no failover while paused", "fix", "pgha resume demo"), findings.get(1));
        assertFalse(text.contains("\033"));
    }

    @Test
    void sizesReadAndPrintAsPeopleWriteThem() {
        assertEquals(100L << 20, Bytes.parse("100MB"));
        assertEquals(1L << 30, Bytes.parse("1gb"));
        assertEquals(4096, Bytes.parse("4096"));
        assertEquals("2.9 GB", Bytes.format(3_100_000_000L));
        assertEquals("512 B", Bytes.format(512));
    }
}
