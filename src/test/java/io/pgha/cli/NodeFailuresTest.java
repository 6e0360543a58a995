package io.pgha.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import io.pgha.testing.FreePorts;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What real members rarely do during an operation: answer 5xx, hang, reset the connection, send garbage. */
class NodeFailuresTest {
    private WireMockServer server;
    private URI base;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").port(FreePorts.next()));
        server.start();
        base = URI.create("http://127.0.0.1:" + server.port());
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private static FakeClusterAccess.Flow switchover() {
        return ops -> new ManualFailover(ops).run(new ManualFailover.Request("switchover", "demo", null, "node2", null, true));
    }

    @Test
    void aServerErrorOnSwitchoverIsPrintedAndExitsWith3() {
        server.stubFor(post("/switchover").willReturn(aResponse().withStatus(500).withBody("internal error")));
        FakeClusterAccess access = FakeClusterAccess.through(base);
        var outcome = access.run(List.of(), switchover());
        assertEquals(ExitCode.OPERATION_FAILED, outcome.exitCode(), outcome.toString());
        assertTrue(outcome.out().endsWith("+\nSwitchover failed, details: 500, internal error\n"), outcome.out());
        assertTrue(access.failoverWrites.isEmpty());
    }

    @Test
    void aResetConnectionOnSwitchoverFallsBackToTheFailoverKey() {
        server.stubFor(post("/switchover").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        FakeClusterAccess access = FakeClusterAccess.through(base);
        var outcome = access.run(List.of(), switchover());
        assertEquals(0, outcome.exitCode(), outcome.toString());
        assertTrue(outcome.out().contains(" Could not switchover using Patroni api, falling back to DCS\n"), outcome.out());
        assertEquals(List.of("put {\"leader\":\"node1\",\"member\":\"node2\"}"), access.failoverWrites);
    }

    @Test
    void aHangingMemberFailsItsRestartWithOneLine() {
        server.stubFor(post("/restart").willReturn(aResponse().withFixedDelay(10_000).withBody("restarted")));
        RestartCommand command = new RestartCommand();
        command.target.name = "demo";
        command.memberNames = new ArrayList<>(List.of("node3"));
        command.force.force = true;
        var outcome = FakeClusterAccess.through(base, Duration.ofSeconds(2)).run(List.of(), command::run);
        assertEquals(ExitCode.OPERATION_FAILED, outcome.exitCode(), outcome.toString());
        assertTrue(outcome.out().endsWith("+\nFailed: restart for member node3, POST " + base + "/restart: timed out\n"),
                outcome.out());
    }

    @Test
    void garbageWhileWaitingForReinitializeEndsTheWaitAsAFailure() {
        server.stubFor(post("/reinitialize").willReturn(aResponse().withStatus(200).withBody("reinitialize started")));
        server.stubFor(get("/patroni").willReturn(aResponse().withStatus(200).withBody("\u0000\u00ff{{garbage")));
        ReinitCommand command = new ReinitCommand();
        command.target.name = "demo";
        command.memberNames = List.of("node2");
        command.force.force = true;
        command.await = true;
        command.pollInterval = Duration.ofMillis(10);
        var outcome = FakeClusterAccess.through(base).run(List.of(), command::run);
        assertEquals(ExitCode.OPERATION_FAILED, outcome.exitCode(), outcome.toString());
        assertTrue(outcome.out().endsWith("Success: reinitialize for member node2\n"
                + "Waiting for reinitialize to complete on: node2\n"
                + "Failed: cannot tell whether reinitialize completed on member node2: status code=200, the answer is not "
                + "a JSON object\n"), outcome.out());
    }

    @Test
    void aServerErrorOnPauseIsPrintedAndExitsWith3() {
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.patch(
                com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/config"))
                .willReturn(aResponse().withStatus(503).withBody("<html>Service Unavailable</html>")));
        var outcome = FakeClusterAccess.through(base).run(List.of(),
                ops -> new PauseToggle(ops, Duration.ofMillis(10)).run("demo", true, false));
        assertEquals(ExitCode.OPERATION_FAILED, outcome.exitCode(), outcome.toString());
        assertEquals("Failed: pause cluster management status code=503, (<html>Service Unavailable</html>)\n", outcome.out());
    }
}
