package io.pgha.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The temporary pg_hba.conf of a custom bootstrap trusts only the agent's own users and addresses. */
class TrustHbaTest {

    private static PostgresSettings settings(String listen) {
        return PostgresSettings.builder("demo", "node1", Path.of("/tmp/data"), ListenAddress.parse(listen),
                new Authentication(new Credentials("postgres", "secret-1"), new Credentials("replicator", "secret-2"),
                        null)).build();
    }

    @Test
    void trustsTheSuperuserAndTheReplicationUserOnTheSocketAndTheLocalAddressOnly() {
        List<String> lines = TrustHba.lines(settings("127.0.0.1:5433"));

        assertEquals(List.of("local\treplication\treplicator\t\ttrust", "local\tall\tpostgres\t\ttrust",
                "host\treplication\treplicator\t127.0.0.1/32\ttrust", "host\tall\tpostgres\t127.0.0.1/32\ttrust"), lines);
        assertTrue(lines.stream().noneMatch(l -> l.contains("secret")));
    }

    @Test
    void ipv6AddressesAreTrustedAsOneAddressNotARange() {
        assertEquals(List.of("0:0:0:0:0:0:0:1/128"), TrustHba.addresses("::1"));
    }
}
