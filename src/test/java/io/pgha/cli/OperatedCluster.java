package io.pgha.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;

/**
 * A real three-node cluster with loop_wait 2, scope {@code ops}, that pgha's operation commands act on through
 * the members' REST APIs: Patroni 3.0.2 nodes or pgha agents, started once per test class. Every scenario
 * starts from a healthy cluster and leaves one behind (who leads may change).
 */
interface OperatedCluster {
    Duration HEALTHY = Duration.ofSeconds(120);

    /** A node's patroni.yml: the CLI reads the cluster with it. */
    String configFile();

    List<String> memberNames();

    OptionalLong postmasterPid(String member);

    URI restUrl(String member);

    void awaitHealthy();

    /** The members' recent log lines, for a failure message. */
    String logTails();

    @BeforeEach
    default void healthy() {
        awaitHealthy();
    }

    default CliRun pgha(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "-c";
        all[1] = configFile();
        System.arraycopy(args, 0, all, 2, args.length);
        return CliRun.pgha(all);
    }

    default CliRun answering(List<String> answers, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "-c";
        all[1] = configFile();
        System.arraycopy(args, 0, all, 2, args.length);
        return CliRun.answering(answers, Map.of(), all);
    }

    /** member name → Role as {@code pgha list -f json} shows it. */
    default Map<String, String> roles() throws Exception {
        CliRun list = pgha("list", "-f", "json");
        assertEquals(0, list.exitCode(), list.toString());
        Map<String, String> roles = new TreeMap<>();
        for (JsonNode row : new ObjectMapper().readTree(list.out())) {
            roles.put(row.path("Member").asText(), row.path("Role").asText());
        }
        return roles;
    }

    default String leader() throws Exception {
        return roles().entrySet().stream().filter(e -> e.getValue().equals("Leader")).map(Map.Entry::getKey)
                .findFirst().orElseThrow();
    }

    default String aReplica(String leader) {
        return memberNames().stream().filter(n -> !n.equals(leader)).findFirst().orElseThrow();
    }

    static String inOneHour() {
        return OffsetDateTime.now(ZoneOffset.UTC).plusHours(1).withNano(0).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}
