package io.pgha.cli.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pgha.dcs.Cluster;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DsnTest {

    @Test
    void dsnNamesHostAndPortOfTheConnUrl() {
        Cluster jref = Fixture.jrefTagged().parse();
        assertEquals(Optional.of("host=127.0.0.1 port=15441"), Dsn.of(jref.member("node1").orElseThrow()));
    }

    @Test
    void hostIsLowerCasedAndPortDefaultsTo5432() {
        Cluster cluster = Fixture.cluster("c")
                .member("a", "{\"conn_url\":\"postgres://DB-1.Example/postgres\",\"api_url\":\"http://x/patroni\",\"state\":\"running\"}")
                .parse();
        assertEquals(Optional.of("host=db-1.example port=5432"), Dsn.of(cluster.member("a").orElseThrow()));
    }

    @Test
    void memberWithoutConnUrlHasNoDsn() {
        Cluster cluster = Fixture.cluster("c").member("a", "{\"api_url\":\"http://x/patroni\",\"state\":\"stopped\"}").parse();
        assertEquals(Optional.empty(), Dsn.of(cluster.member("a").orElseThrow()));
    }
}
