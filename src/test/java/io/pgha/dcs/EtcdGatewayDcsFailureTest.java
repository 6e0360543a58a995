package io.pgha.dcs;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.pgha.testing.FreePorts;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Gateway answers a real etcd rarely gives (5xx, garbage, a stall, an expired token), from a fake server:
 * each must end in one line the user can act on, quickly, never in a hang.
 */
class EtcdGatewayDcsFailureTest {
    private static final String VERSION_34 = "{\"etcdserver\":\"3.4.23\",\"etcdcluster\":\"3.4.0\"}";
    private static final String EMPTY_RANGE = "{\"header\":{\"revision\":\"7\"}}";

    private WireMockServer server;
    private URI endpoint;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").port(FreePorts.next()));
        server.start();
        endpoint = URI.create("http://127.0.0.1:" + server.port());
        server.stubFor(get(urlEqualTo("/version")).willReturn(okJson(VERSION_34)));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private EtcdGatewayDcs gateway(Duration timeout) {
        return new EtcdGatewayDcs(EtcdSettings.of(List.of(endpoint), timeout));
    }

    private DcsException failure(EtcdGatewayDcs dcs, Duration within) {
        long started = System.nanoTime();
        DcsException error = assertThrows(DcsException.class, () -> dcs.range("/service/demo/"));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertTrue(took.compareTo(within) < 0, "took " + took + ": " + error.getMessage());
        assertFalse(error.getMessage().contains("\n"), "one line: " + error.getMessage());
        return error;
    }

    @Test
    void plainServerErrorNamesTheUrlAndStatus() {
        server.stubFor(post(urlEqualTo("/v3/kv/range")).willReturn(aResponse().withStatus(500).withBody("Internal Server Error")));
        try (EtcdGatewayDcs dcs = gateway(Duration.ofSeconds(5))) {
            DcsException error = failure(dcs, Duration.ofSeconds(2));
            assertEquals("unexpected response from etcd at " + endpoint + "/v3/kv/range: HTTP 500 Internal Server Error",
                    error.getMessage());
        }
    }

    @Test
    void etcdErrorBodyGivesEtcdsOwnMessage() {
        server.stubFor(post(urlEqualTo("/v3/kv/range")).willReturn(aResponse().withStatus(500)
                .withBody("{\"error\":\"etcdserver: mvcc: database space exceeded\",\"message\":\"etcdserver: mvcc: database space exceeded\",\"code\":8}")));
        try (EtcdGatewayDcs dcs = gateway(Duration.ofSeconds(5))) {
            assertEquals("etcd at " + endpoint + ": etcdserver: mvcc: database space exceeded",
                    failure(dcs, Duration.ofSeconds(2)).getMessage());
        }
    }

    @Test
    void garbageBodyIsReportedNotParsed() {
        server.stubFor(post(urlEqualTo("/v3/kv/range")).willReturn(aResponse().withStatus(200)
                .withBody(new byte[] {'<', 'h', 't', 'm', 'l', '>', 0, (byte) 0xff, '\n', 'x'})));
        try (EtcdGatewayDcs dcs = gateway(Duration.ofSeconds(5))) {
            String message = failure(dcs, Duration.ofSeconds(2)).getMessage();
            assertTrue(message.startsWith("unexpected response from etcd at " + endpoint + "/v3/kv/range: not JSON: <html>"),
                    message);
        }
    }

    @Test
    void answerSlowerThanTheTimeoutFailsAtTheTimeout() {
        server.stubFor(post(urlEqualTo("/v3/kv/range")).willReturn(okJson(EMPTY_RANGE).withFixedDelay(10_000)));
        try (EtcdGatewayDcs dcs = gateway(Duration.ofSeconds(1))) {
            assertEquals("etcd unreachable at " + endpoint + ": no answer within 1 s",
                    failure(dcs, Duration.ofMillis(2500)).getMessage());
        }
    }

    @Test
    void expiredTokenIsRenewedOnceAndTheRequestRepeated() {
        server.stubFor(post(urlEqualTo("/v3/auth/authenticate")).inScenario("token").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"header\":{},\"token\":\"first\"}")).willSetStateTo("renewed"));
        server.stubFor(post(urlEqualTo("/v3/auth/authenticate")).inScenario("token").whenScenarioStateIs("renewed")
                .willReturn(okJson("{\"header\":{},\"token\":\"second\"}")));
        server.stubFor(post(urlEqualTo("/v3/kv/range")).withHeader("authorization", equalTo("first"))
                .willReturn(aResponse().withStatus(401)
                        .withBody("{\"error\":\"etcdserver: invalid auth token\",\"message\":\"etcdserver: invalid auth token\",\"code\":16}")));
        server.stubFor(post(urlEqualTo("/v3/kv/range")).withHeader("authorization", equalTo("second"))
                .willReturn(okJson(EMPTY_RANGE)));
        EtcdSettings settings = new EtcdSettings(List.of(endpoint), "patroni", "s3cret", null, null, null, Duration.ofSeconds(5));
        try (EtcdGatewayDcs dcs = new EtcdGatewayDcs(settings)) {
            assertEquals(7, dcs.range("/service/demo/").revision());
        }
        server.verify(2, postRequestedFor(urlEqualTo("/v3/auth/authenticate"))
                .withRequestBody(matchingJsonPath("$.name", equalTo("patroni"))));
    }

    @Test
    void etcd33IsSpokenToOnV3beta() {
        server.stubFor(get(urlEqualTo("/version")).willReturn(okJson("{\"etcdserver\":\"3.3.27\",\"etcdcluster\":\"3.3.0\"}")));
        server.stubFor(post(urlEqualTo("/v3beta/kv/range")).willReturn(okJson(EMPTY_RANGE)));
        try (EtcdGatewayDcs dcs = gateway(Duration.ofSeconds(5))) {
            assertEquals(7, dcs.range("/service/demo/").revision());
        }
        server.verify(postRequestedFor(urlEqualTo("/v3beta/kv/range"))
                .withRequestBody(matchingJsonPath("$.range_end", equalTo("L3NlcnZpY2UvZGVtbzA=")))
                .withRequestBody(matchingJsonPath("$.serializable", equalTo("false"))));
    }

    @Test
    void unavailableMemberIsSkippedForTheNextEndpoint() {
        WireMockServer healthy = new WireMockServer(options().bindAddress("127.0.0.1").port(FreePorts.next()));
        healthy.start();
        try {
            healthy.stubFor(get(urlEqualTo("/version")).willReturn(okJson(VERSION_34)));
            healthy.stubFor(post(urlEqualTo("/v3/kv/range")).willReturn(okJson(EMPTY_RANGE)));
            server.stubFor(post(urlEqualTo("/v3/kv/range")).willReturn(aResponse().withStatus(503)
                    .withBody("{\"error\":\"etcdserver: no leader\",\"message\":\"etcdserver: no leader\",\"code\":14}")));
            EtcdSettings settings = EtcdSettings.of(
                    List.of(endpoint, URI.create("http://127.0.0.1:" + healthy.port())), Duration.ofSeconds(5));
            try (EtcdGatewayDcs dcs = new EtcdGatewayDcs(settings)) {
                assertEquals(7, dcs.range("/service/demo/").revision());
            }
        } finally {
            healthy.stop();
        }
    }
}
