package io.pgha.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The connection string bootstrap.post_bootstrap gets as its last argument (ha-loop.md §14.3). */
class PostBootstrapScriptTest {

    @Test
    void superuserConnectionStringWithoutPasswordInPatronisOrder() {
        PostgresSettings settings = PostgresSettings.builder("demo", "node1", Path.of("/tmp/data"),
                ListenAddress.parse("127.0.0.1:5433"), new Authentication(new Credentials("post gres", "secret-1"),
                        new Credentials("replicator", "secret-2"), null)).database("app").build();

        String connstring = PostBootstrapScript.connectionString(settings);

        assertEquals("dbname=app user=post\\ gres host=127.0.0.1 port=5433", connstring);
        assertFalse(connstring.contains("secret"), "the password travels in PGPASSFILE only");
    }
}
