package io.pgha.cli.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@code history} in every format, with the /history values of keyspace.md §3.7/§11 (patronictl.md §2.11). */
class HistoryTableTest {

    private static Table history(String value) {
        return HistoryTable.build(Fixture.cluster("jref").key("history", value).parse());
    }

    private static final String JREF = "[[1,67393352,\"no recovery target specified\",\"2026-11-25T21:54:55.957541+00:00\",\"node3\"],"
            + "[2,67394160,\"no recovery target specified\",\"2026-11-25T21:55:26.833542+00:00\",\"node1\"]]";
    private static final String JNEW_FIRST = "[[1,67393352,\"no recovery target specified\",\"2026-11-25T22:01:12.269555+00:00\",\"new3\"]]";
    private static final String REBUILT = "[[1,67393352,\"no recovery target specified\"],[2,67394160,\"no recovery target specified\"],"
            + "[3,67394736,\"no recovery target specified\",\"2026-11-25T22:02:20.589557+00:00\",\"new2\"]]";

    @Test
    void prettyHasNoTitleAndRightAlignsTimelineAndLsn() {
        assertEquals("""
                +----+----------+------------------------------+----------------------------------+------------+
                | TL |      LSN | Reason                       | Timestamp                        | New Leader |
                +----+----------+------------------------------+----------------------------------+------------+
                |  1 | 67393352 | no recovery target specified | 2026-11-25T21:54:55.957541+00:00 | node3      |
                |  2 | 67394160 | no recovery target specified | 2026-11-25T21:55:26.833542+00:00 | node1      |
                +----+----------+------------------------------+----------------------------------+------------+
                """, new PrettyPrinter().render(history(JREF)));
    }

    @Test
    void tsvAndJsonAsTheSpecShowsThem() {
        assertEquals("TL\tLSN\tReason\tTimestamp\tNew Leader\n1\t67393352\tno recovery target specified\t2026-11-25T22:01:12.269555+00:00\tnew3\n",
                new TsvPrinter().render(history(JNEW_FIRST)));
        assertEquals("[{\"TL\": 1, \"LSN\": 67393352, \"Reason\": \"no recovery target specified\", "
                + "\"Timestamp\": \"2026-11-25T22:01:12.269555+00:00\", \"New Leader\": \"new3\"}]\n",
                new JsonPrinter().render(history(JNEW_FIRST)));
    }

    @Test
    void yamlQuotesTheTimestamp() {
        assertEquals("""
                - LSN: 67393352
                  New Leader: node3
                  Reason: no recovery target specified
                  TL: 1
                  Timestamp: '2026-11-25T21:54:55.957541+00:00'
                - LSN: 67394160
                  New Leader: node1
                  Reason: no recovery target specified
                  TL: 2
                  Timestamp: '2026-11-25T21:55:26.833542+00:00'

                """, new YamlPrinter().render(history(JREF)));
    }

    @Test
    void shortEntriesArePaddedWithBlanksThatJsonKeeps() {
        assertEquals("""
                +----+----------+------------------------------+----------------------------------+------------+
                | TL |      LSN | Reason                       | Timestamp                        | New Leader |
                +----+----------+------------------------------+----------------------------------+------------+
                |  1 | 67393352 | no recovery target specified |                                  |            |
                |  2 | 67394160 | no recovery target specified |                                  |            |
                |  3 | 67394736 | no recovery target specified | 2026-11-25T22:02:20.589557+00:00 | new2       |
                +----+----------+------------------------------+----------------------------------+------------+
                """, new PrettyPrinter().render(history(REBUILT)));
        assertEquals("[{\"TL\": 1, \"LSN\": 67393352, \"Reason\": \"no recovery target specified\", \"Timestamp\": \"\", \"New Leader\": \"\"}, "
                + "{\"TL\": 2, \"LSN\": 67394160, \"Reason\": \"no recovery target specified\", \"Timestamp\": \"\", \"New Leader\": \"\"}, "
                + "{\"TL\": 3, \"LSN\": 67394736, \"Reason\": \"no recovery target specified\", "
                + "\"Timestamp\": \"2026-11-25T22:02:20.589557+00:00\", \"New Leader\": \"new2\"}]\n",
                new JsonPrinter().render(history(REBUILT)));
        assertEquals("TL\tLSN\tReason\tTimestamp\tNew Leader\n1\t67393352\tno recovery target specified\t\t\n",
                new TsvPrinter().render(history("[[1,67393352,\"no recovery target specified\"]]")));
    }

    @Test
    void noHistoryKeyPrintsAnEmptyTable() {
        assertEquals("[]\n", new JsonPrinter().render(HistoryTable.build(Fixture.cluster("jref").parse())));
    }
}
