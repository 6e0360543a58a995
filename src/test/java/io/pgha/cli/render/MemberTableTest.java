package io.pgha.cli.render;

import static io.pgha.cli.render.Fixture.member;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cell rules of patronictl.md §2.1, checked on the table values each format receives. */
class MemberTableTest {

    private static Table table(Fixture fixture, OutputFormat format, boolean extended) {
        return MemberTable.build(fixture.parse(), new ListOptions(Surface.PATRONI_4_1, format, extended));
    }

    private static List<Object> column(Table table, String name) {
        int index = table.headers().indexOf(name);
        return table.rows().stream().map(row -> row.get(index)).toList();
    }

    private static Fixture twoMembers(String hostA, int portA, String hostB, int portB) {
        return Fixture.cluster("c").key("leader", "a").key("status", "{\"optime\":5}")
                .member("a", member(hostA, portA, "primary", "running", "4.1.4", "\"xlog_location\":5,\"timeline\":1"))
                .member("b", member(hostB, portB, "replica", "running", "4.1.4", "\"xlog_location\":5,\"timeline\":1"));
    }

    @Test
    void hostIsBareWhenEveryMemberHasItsOwnHostOnPort5432() {
        assertEquals(List.of("h1", "::1"), column(table(twoMembers("h1", 5432, "[::1]", 5432), OutputFormat.PRETTY, false), "Host"));
    }

    @Test
    void hostGetsThePortWhenTwoMembersShareAHost() {
        assertEquals(List.of("h1:5432", "h1:5432"), column(table(twoMembers("h1", 5432, "h1", 5432), OutputFormat.PRETTY, false), "Host"));
    }

    @Test
    void hostGetsThePortWhenAnyMemberUsesAnotherPort() {
        assertEquals(List.of("h1:5432", "h2:5433"), column(table(twoMembers("h1", 5432, "h2", 5433), OutputFormat.PRETTY, false), "Host"));
    }

    @Test
    void memberWithoutConnUrlHasNoHostAndDoesNotBringOptionalColumns() {
        Fixture fixture = twoMembers("h1", 5432, "h2", 5432)
                .member("c", "{\"api_url\":\"http://h3:8008/patroni\",\"state\":\"stopped\",\"role\":\"replica\",\"version\":\"4.1.4\","
                        + "\"pending_restart\":true,\"tags\":{\"nofailover\":true}}");
        Table table = table(fixture, OutputFormat.PRETTY, false);
        assertFalse(table.headers().contains("Pending restart"));
        assertFalse(table.headers().contains("Tags"));
        assertEquals(List.of("h1", "h2", ""), column(table, "Host"));
        assertTrue(table(fixture, OutputFormat.PRETTY, true).rows().get(2).contains("*"));
    }

    @Test
    void onlyTheLeaderKeyHolderIsLeader() {
        Fixture fixture = twoMembers("h1", 5432, "h2", 5432).key("leader", "b");
        assertEquals(List.of("Replica", "Leader"), column(table(fixture, OutputFormat.PRETTY, false), "Role"));
        assertEquals(List.of("Replica", "Replica"), column(table(fixture.without("leader"), OutputFormat.PRETTY, false), "Role"));
    }

    @Test
    void prettyDropsTheClusterColumnAndTitlesBothLagColumnsLag() {
        Table pretty = table(Fixture.jnew(), OutputFormat.PRETTY, false);
        Table tsv = table(Fixture.jnew(), OutputFormat.TSV, false);
        assertEquals(List.of("Member", "Host", "Role", "State", "TL", "Receive LSN", "Lag", "Replay LSN", "Lag", "Tags"), pretty.headers());
        assertEquals(List.of("Cluster", "Member", "Host", "Role", "State", "TL", "Receive LSN", "Receive Lag", "Replay LSN",
                "Replay Lag", "Tags"), tsv.headers());
    }

    @Test
    void tagsAreABlockInPrettyAFlowInTsvAndTopologyAndAnObjectInJson() {
        assertEquals("dc: west\nfailover_priority: 2", column(table(Fixture.jnew(), OutputFormat.PRETTY, false), "Tags").get(2));
        assertEquals("{dc: west, failover_priority: 2}", column(table(Fixture.jnew(), OutputFormat.TSV, false), "Tags").get(2));
        assertEquals("{dc: west, failover_priority: 2}", column(table(Fixture.jnew(), OutputFormat.TOPOLOGY, false), "Tags").get(2));
        assertEquals(Map.of("failover_priority", 2L, "dc", "west"), column(table(Fixture.jnew(), OutputFormat.JSON, false), "Tags").get(2));
    }

    @Test
    void numbersStayNumbersForJson() {
        Table json = table(Fixture.jnew(), OutputFormat.JSON, false);
        assertEquals(List.of(1L, 1L, 1L), column(json, "TL"));
        assertEquals(List.of("", 0L, 0L), column(json, "Receive Lag"));
        assertEquals(List.of("", "0/4000060", "0/4000060"), column(json, "Receive LSN"));
    }

    @Test
    void emptyTagsObjectShowsAsBracesButDoesNotBringTheTagsColumn() {
        Fixture fixture = twoMembers("h1", 5432, "h2", 5432)
                .member("b", member("h2", 5432, "replica", "running", "4.1.4", "\"tags\":{},\"xlog_location\":5,\"timeline\":1"));
        assertFalse(table(fixture, OutputFormat.PRETTY, false).headers().contains("Tags"));
        assertEquals(List.of("", Map.of()), column(table(fixture, OutputFormat.PRETTY, true), "Tags"));
        assertTrue(fixture.render(Surface.PATRONI_4_1, OutputFormat.PRETTY, true).contains("| {}   |"));
        assertTrue(fixture.render(Surface.PATRONI_4_1, OutputFormat.JSON, true).contains("\"Tags\": {}}]"));
    }

    @Test
    void timelineWrittenAsNullPrintsAsPythonNone() {
        Fixture fixture = twoMembers("h1", 5432, "h2", 5432)
                .member("b", member("h2", 5432, "replica", "running", "4.1.4", "\"timeline\":null,\"xlog_location\":5"));
        assertTrue(fixture.render(Surface.PATRONI_3_0, OutputFormat.PRETTY, false).contains("| b      | h2   | Replica | running | None |"));
        assertTrue(fixture.render(Surface.PATRONI_3_0, OutputFormat.TSV, false).contains("c\tb\th2\tReplica\trunning\tNone\t0\n"));
        assertTrue(fixture.render(Surface.PATRONI_3_0, OutputFormat.JSON, false).contains("\"TL\": null"));
    }

    @Test
    void reasonLinesOverFiftyCharactersAreHiddenOnlyInTables() {
        String fifty = "p: " + "o".repeat(20) + "->" + "n".repeat(25);
        String fiftyOne = "q: " + "o".repeat(21) + "->" + "n".repeat(25);
        assertEquals(50, fifty.length());
        Fixture fixture = twoMembers("h1", 5432, "h2", 5432).member("b", member("h2", 5432, "replica", "running", "4.1.4",
                "\"pending_restart\":true,\"pending_restart_reason\":{\"p\":{\"old_value\":\"" + "o".repeat(20) + "\",\"new_value\":\""
                        + "n".repeat(25) + "\"},\"q\":{\"old_value\":\"" + "o".repeat(21) + "\",\"new_value\":\"" + "n".repeat(25)
                        + "\"}},\"xlog_location\":5,\"timeline\":1"));
        assertEquals(fifty + "\nq: [hidden - too long]", column(table(fixture, OutputFormat.PRETTY, false), "Pending restart reason").get(1));
        assertEquals(fifty + "\nq: [hidden - too long]", column(table(fixture, OutputFormat.TOPOLOGY, false), "Pending restart reason").get(1));
        assertEquals(fifty + "\n" + fiftyOne, column(table(fixture, OutputFormat.TSV, false), "Pending restart reason").get(1));
        assertEquals(fifty + "\n" + fiftyOne, column(table(fixture, OutputFormat.JSON, false), "Pending restart reason").get(1));
    }

    @Test
    void surface30HasNoPendingRestartReasonColumn() {
        Table table = MemberTable.build(Fixture.mixed().parse(), new ListOptions(Surface.PATRONI_3_0, OutputFormat.PRETTY, true));
        assertEquals(List.of("Member", "Host", "Role", "State", "TL", "Lag in MB", "Pending restart", "Scheduled restart", "Tags"),
                table.headers());
    }
}
