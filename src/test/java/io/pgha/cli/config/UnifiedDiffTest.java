package io.pgha.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The diff edit-config prints is line for line what Python's difflib.unified_diff prints (expectations from Python 3.11). */
class UnifiedDiffTest {

    private static List<String> diff(String before, String after) {
        return UnifiedDiff.of(UnifiedDiff.lines(before), UnifiedDiff.lines(after));
    }

    @Test
    void aConfigChangeShowsTwoHunksWithThreeLinesOfContext() {
        String before = """
                loop_wait: 10
                maximum_lag_on_failover: 1048576
                postgresql:
                  parameters:
                    hot_standby: 'on'
                    max_connections: 100
                    max_replication_slots: 10
                    wal_level: replica
                  use_pg_rewind: true
                  use_slots: true
                retry_timeout: 10
                ttl: 30
                """;
        String after = """
                loop_wait: 5
                maximum_lag_on_failover: 1048576
                postgresql:
                  parameters:
                    hot_standby: 'on'
                    max_connections: 100
                    max_replication_slots: 10
                    wal_level: replica
                    work_mem: 8MB
                  use_pg_rewind: true
                  use_slots: true
                retry_timeout: 10
                synchronous_mode: true
                ttl: 30
                """;
        assertEquals(List.of("--- ", "+++ ", "@@ -1,4 +1,4 @@", "-loop_wait: 10", "+loop_wait: 5",
                " maximum_lag_on_failover: 1048576", " postgresql:", "   parameters:",
                "@@ -6,7 +6,9 @@", "     max_connections: 100", "     max_replication_slots: 10",
                "     wal_level: replica", "+    work_mem: 8MB", "   use_pg_rewind: true", "   use_slots: true",
                " retry_timeout: 10", "+synchronous_mode: true", " ttl: 30"), diff(before, after));
    }

    @Test
    void repeatedLinesMatchAsSequenceMatcherMatchesThem() {
        assertEquals(List.of("--- ", "+++ ", "@@ -1,5 +1,5 @@", " a", "-b", "+B", " c", " d", " e",
                        "@@ -12,3 +12,4 @@", " l", " a", " b", "+z"),
                diff("a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\na\nb", "a\nB\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\na\nb\nz"));
        assertEquals(List.of("--- ", "+++ ", "@@ -1,5 +1,3 @@", "-x", " y", " x", " y", "-x"),
                diff("x\ny\nx\ny\nx", "y\nx\ny"));
    }

    @Test
    void singleLineRangesHaveNoLength() {
        assertEquals(List.of("--- ", "+++ ", "@@ -1 +1 @@", "-{}", "+a: 1"), diff("{}\n", "a: 1\n"));
    }

    @Test
    void equalTextsGiveNoDiff() {
        assertEquals(List.of(), diff("a: 1\n", "a: 1\n\n"));
    }
}
