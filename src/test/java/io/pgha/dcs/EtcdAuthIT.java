package io.pgha.dcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.testing.EtcdFixture;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Both transports against an etcd with authentication enabled, as Patroni's etcd3 username/password. */
class EtcdAuthIT {
    private static final String PASSWORD = "pat-r0ni secret";
    private static EtcdFixture etcd;

    @BeforeAll
    static void startEtcdWithAuth() throws IOException, InterruptedException {
        etcd = EtcdFixture.startSingle();
        // what "etcdctl user add root; etcdctl auth enable" does, on the gateway
        call("/v3/auth/role/add", "{\"name\":\"root\"}");
        call("/v3/auth/user/add", "{\"name\":\"root\",\"password\":\"" + PASSWORD + "\"}");
        call("/v3/auth/user/grant", "{\"user\":\"root\",\"role\":\"root\"}");
        call("/v3/auth/enable", "{}");
    }

    @AfterAll
    static void stopEtcd() {
        etcd.close();
    }

    private static void call(String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(etcd.endpoint().resolve(path)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path + ": " + response.body());
    }

    private static EtcdSettings as(String user, String password) {
        return new EtcdSettings(List.of(etcd.endpoint()), user, password, null, null, null, Duration.ofSeconds(5));
    }

    @Test
    void gatewayAuthenticatesAndReadsWhatGrpcWrote() {
        try (Dcs grpc = new EtcdGrpcDcs(as("root", PASSWORD)); Dcs gateway = new EtcdGatewayDcs(as("root", PASSWORD))) {
            grpc.put("/service/auth/leader", "node1", 0);
            assertEquals("node1", gateway.get("/service/auth/leader").orElseThrow().value());
            assertTrue(gateway.putIfAbsent("/service/auth/initialize", "", 0));
            assertEquals("", grpc.get("/service/auth/initialize").orElseThrow().value());
        }
    }

    @Test
    void wrongPasswordFailsClearlyOnBothTransports() {
        assertRefused(EtcdGatewayDcs::new, "authentication failed");
        assertRefused(EtcdGrpcDcs::new, "authentication failed");
    }

    @Test
    void missingCredentialsFailClearlyOnBothTransports() {
        try (Dcs gateway = new EtcdGatewayDcs(as(null, null)); Dcs grpc = new EtcdGrpcDcs(as(null, null))) {
            for (Dcs dcs : List.of(gateway, grpc)) {
                DcsException error = assertThrows(DcsException.class, () -> dcs.get("/service/auth/leader"));
                assertTrue(error.getMessage().contains("user name is empty"), error.getMessage());
                assertTrue(error.getMessage().contains(etcd.endpoint().toString()), error.getMessage());
            }
        }
    }

    private static void assertRefused(Function<EtcdSettings, Dcs> transport, String expected) {
        try (Dcs dcs = transport.apply(as("root", "wrong"))) {
            DcsException error = assertThrows(DcsException.class, () -> dcs.range("/service/auth/"));
            assertTrue(error.getMessage().contains(expected), error.getMessage());
            assertTrue(error.getMessage().contains(etcd.endpoint().toString()), error.getMessage());
            assertFalse(error.getMessage().contains("wrong"), "never print a password: " + error.getMessage());
            assertFalse(error.getMessage().contains("\n"), error.getMessage());
        }
    }
}
