package io.pgha.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The training run behind dist/bin/pgha's class-data-sharing archive: runs the CLI's usual command lines
 * once, in one JVM, against an in-process stand-in for etcd's JSON gateway and a member's REST API on
 * the loopback interface, so that the launcher can record the classes they load. Nothing leaves the
 * machine and nothing is written. Exits 1 when a command line did not end as it does for a user, so
 * that no archive is built from a broken run.
 */
public final class Warmup {
    private static final String SCOPE = "demo";

    private Warmup() {
    }

    public static void main(String[] args) throws IOException {
        Main.prepareJvm();
        List<String> failures = run();
        failures.forEach(failure -> System.err.println("warmup: " + failure));
        System.exit(failures.isEmpty() ? 0 : 1);
    }

    /** Runs the command lines; returns those that ended with another exit code than expected. */
    static List<String> run() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            server.createContext("/version", exchange -> answer(exchange,
                    "{\"etcdserver\":\"3.5.16\",\"etcdcluster\":\"3.5.0\"}"));
            server.createContext("/v3/kv/range", exchange -> answer(exchange, range(base)));
            server.createContext("/patroni", exchange -> answer(exchange, "{\"state\":\"running\",\"role\":\"primary\","
                    + "\"server_version\":150018,\"timeline\":1,\"patroni\":{\"version\":\"4.1.4\",\"scope\":\"demo\"}}"));
            server.start();
            return commandLines(base);
        } finally {
            server.stop(0);
        }
    }

    private static List<String> commandLines(String base) throws IOException {
        String dcs = "etcd3://127.0.0.1:" + base.substring(base.lastIndexOf(':') + 1);
        Map<String, String> env = Map.of("HOME", "/nonexistent-pgha-warmup-home");
        List<String> failures = new ArrayList<>();
        expect(failures, 0, env, "--help");
        expect(failures, 0, env, "--version");
        for (Class<?> type : PghaCommand.SUBCOMMANDS) {
            expect(failures, 0, env, type.getAnnotation(picocli.CommandLine.Command.class).name(), "--help");
        }
        expect(failures, 0, env, "version");
        for (String[] command : new String[][] {
            {"list", SCOPE}, {"list", "-e", "-t", SCOPE}, {"list", "-f", "json", SCOPE}, {"list", "-f", "yaml", SCOPE},
            {"list", "-f", "tsv", SCOPE}, {"--compat", "3.0", "list", SCOPE}, {"topology", SCOPE},
            {"history", SCOPE}, {"history", "-f", "json", SCOPE}, {"show-config", SCOPE}, {"dsn", SCOPE},
            {"dsn", "-r", "replica", SCOPE}, {"version", SCOPE},
        }) {
            List<String> line = new ArrayList<>(List.of("-d", dcs));
            line.addAll(List.of(command));
            expect(failures, 0, env, line.toArray(String[]::new));
        }
        String yaml = "scope: " + SCOPE + "\nnamespace: /service/\netcd3:\n  hosts:\n  - " + dcs.substring("etcd3://".length())
                + "\nctl:\n  insecure: true\n";
        expect(failures, 0, Map.of("HOME", env.get("HOME"), "PATRONI_CONFIGURATION", yaml), "list");
        expect(failures, 2, env, "list", "--no-such-option");
        expect(failures, 1, env, "-d", "etcd3://127.0.0.1:" + closedPort(), "--dcs-timeout", "1", "list", SCOPE);
        return failures;
    }

    private static void expect(List<String> failures, int exitCode, Map<String, String> env, String... args) {
        PrintWriter discard = new PrintWriter(Writer.nullWriter());
        int actual = Main.run("pgha", discard, discard, env, args);
        if (actual != exitCode) {
            failures.add(String.join(" ", args) + " exited " + actual);
        }
    }

    /** A cluster of two members as Patroni 4 writes it, every value base64 as the gateway sends it. */
    private static String range(String base) {
        Map<String, String> kvs = new LinkedHashMap<>();
        kvs.put("config", "{\"ttl\":30,\"loop_wait\":10,\"retry_timeout\":10,\"maximum_lag_on_failover\":1048576,"
                + "\"postgresql\":{\"use_pg_rewind\":true,\"parameters\":{\"max_connections\":100}}}");
        kvs.put("initialize", "7712239926406301085");
        kvs.put("leader", "node1");
        kvs.put("history", "[[1,25165984,\"no recovery target specified\",\"2025-01-01T10:00:00.000000+00:00\",\"node1\"]]");
        kvs.put("members/node1", "{\"conn_url\":\"postgres://127.0.0.1:5432/postgres\",\"api_url\":\"" + base
                + "/patroni\",\"state\":\"running\",\"role\":\"primary\",\"version\":\"4.1.4\",\"xlog_location\":67108864,"
                + "\"timeline\":2,\"tags\":{\"nofailover\":false}}");
        kvs.put("members/node2", "{\"conn_url\":\"postgres://127.0.0.1:5433/postgres\",\"api_url\":\"" + base
                + "/patroni\",\"state\":\"streaming\",\"role\":\"replica\",\"version\":\"4.1.4\",\"replay_lsn\":67108864,"
                + "\"receive_lsn\":67108864,\"replication_state\":\"streaming\",\"timeline\":2}");
        kvs.put("status", "{\"optime\":67108864,\"slots\":{\"node2\":67108864}}");
        kvs.put("sync", "{\"leader\":\"node1\",\"sync_standby\":null}");
        StringBuilder json = new StringBuilder("{\"header\":{\"revision\":\"42\"},\"kvs\":[");
        int revision = 30;
        for (Map.Entry<String, String> kv : kvs.entrySet()) {
            json.append(revision == 30 ? "" : ",")
                    .append("{\"key\":\"").append(b64("/service/" + SCOPE + "/" + kv.getKey()))
                    .append("\",\"create_revision\":\"").append(revision).append("\",\"mod_revision\":\"").append(revision)
                    .append("\",\"version\":\"1\",\"value\":\"").append(b64(kv.getValue())).append("\"}");
            revision++;
        }
        return json.append("],\"count\":\"").append(kvs.size()).append("\"}").toString();
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void answer(HttpExchange exchange, String json) throws IOException {
        exchange.getRequestBody().readAllBytes();
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** A loopback port nothing listens on: connecting to it is refused at once. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
