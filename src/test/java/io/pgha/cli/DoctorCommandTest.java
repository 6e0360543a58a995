package io.pgha.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.cli.doctor.Check;
import io.pgha.cli.doctor.Checks;
import io.pgha.dcs.Json;
import io.pgha.testing.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** doctor's command line: its help and man page list every check, and it exits as monitoring expects. */
class DoctorCommandTest {

    @Test
    void helpAndManPageDescribeEveryCheckAndTheExitStatus() throws IOException {
        CliRun help = CliRun.pgha("doctor", "--help");
        String page = Files.readString(Path.of("man/pgha-doctor.1")).replace("\\-", "-");
        for (Check check : Checks.ALL) {
            String line = check.name() + ": " + check.description() + ".";
            assertTrue(help.out().replaceAll("\\s+", " ").contains(line), line + " missing from help:\n" + help.out());
            assertTrue(page.contains(line), line + " missing from man/pgha-doctor.1 (run dist/dev/generate-docs)");
        }
        String exitStatus = page.substring(page.indexOf(".SH \"EXIT STATUS\""));
        assertTrue(exitStatus.contains(".B 0\nevery finding is ok\n.TP\n.B 1\na warning\n.TP\n.B 2\na critical finding"),
                exitStatus);
        assertTrue(exitStatus.contains(".B 3\nunknown"), exitStatus);
        assertTrue(help.out().contains("Exit status (monitoring-plugin convention):"), help.out());
    }

    @Test
    void anUnknownCheckNameIsUnknownNamingTheChecks() {
        CliRun run = CliRun.pgha("-d", "etcd3://127.0.0.1:" + FreePorts.next(), "doctor", "demo", "--check", "nonsense");
        assertEquals(3, run.exitCode(), run.toString());
        assertTrue(run.err().startsWith("Error: no check named 'nonsense'; checks: etcd-endpoints, etcd-quorum"), run.err());
    }

    @Test
    void unreachableEtcdIsCriticalAndTheClusterChecksUnknown() {
        int port = FreePorts.next();
        CliRun run = CliRun.pgha("--dcs-timeout", "2", "-d", "etcd3://127.0.0.1:" + port, "doctor", "demo",
                "--timeout", "1", "-f", "json");
        assertEquals(2, run.exitCode(), run.toString());
        Map<?, ?> report = (Map<?, ?>) Json.parse(run.out()).orElseThrow();
        assertEquals("critical", report.get("status"));
        List<?> findings = (List<?>) report.get("findings");
        Map<?, ?> quorum = findings.stream().map(f -> (Map<?, ?>) f).filter(f -> "etcd-quorum".equals(f.get("check")))
                .findFirst().orElseThrow();
        assertEquals("critical", quorum.get("severity"));
        Map<?, ?> leader = findings.stream().map(f -> (Map<?, ?>) f).filter(f -> "leader".equals(f.get("check")))
                .findFirst().orElseThrow();
        assertEquals("unknown", leader.get("severity"));
        assertTrue(String.valueOf(leader.get("summary")).contains("127.0.0.1:" + port), leader.toString());
    }

    @Test
    void tsvIsNotADoctorFormat() {
        CliRun run = CliRun.pgha("-d", "etcd3://127.0.0.1:" + FreePorts.next(), "doctor", "demo", "-f", "tsv");
        assertEquals(3, run.exitCode(), run.toString());
        assertEquals("Error: doctor prints pretty, json or yaml, not tsv\n", run.err());
    }
}
