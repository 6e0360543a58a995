package io.pgha.cli;

import io.pgha.api.NodeClient;
import io.pgha.api.NodeException;
import io.pgha.api.NodeResponse;
import io.pgha.api.RestClientSettings;
import io.pgha.cli.prompt.Prompter;
import io.pgha.cli.prompt.ScriptedPrompter;
import io.pgha.cli.render.Surface;
import io.pgha.dcs.Cluster;
import io.pgha.dcs.ClusterParser;
import io.pgha.dcs.KeyValue;
import io.pgha.dcs.Keyspace;
import io.pgha.dcs.RangeResult;
import io.pgha.testing.Captures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A captured Patroni 3.0.2 cluster ({@code demo}: node1 leads, node2 and node3 replicate) for the operation
 * commands' flows. Member answers are either scripted (each request takes the next one; none left fails the
 * test) or, with {@link #through}, real HTTP calls to a local server standing in for the members. Records every
 * request and every write of {@code /failover}.
 */
final class FakeClusterAccess implements ClusterAccess {
    /** 2026-11-25 22:01:00 UTC, so prompt examples and timestamps are known. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T22:01:00Z"), ZoneOffset.UTC);

    record Call(String member, String method, String path, String body) {
    }

    private final Cluster cluster;
    private final Deque<Object> answers = new ArrayDeque<>();
    private final NodeClient client;
    final List<Call> calls = new ArrayList<>();
    final List<String> failoverWrites = new ArrayList<>();
    boolean compareAndPutSucceeds = true;
    /** Whether stdout is a terminal, for the progress line of waits. */
    boolean terminal;

    private final Duration cap;

    private FakeClusterAccess(Cluster cluster, NodeClient client) {
        this(cluster, client, null);
    }

    private FakeClusterAccess(Cluster cluster, NodeClient client, Duration cap) {
        this.cluster = cluster;
        this.client = client;
        this.cap = cap;
    }

    static FakeClusterAccess capture(String state) {
        return capture(state, UnaryOperator.identity());
    }

    /** The capture with every value passed through {@code edit} (e.g. to change api_url or add keys). */
    static FakeClusterAccess capture(String state, UnaryOperator<String> edit) {
        return new FakeClusterAccess(parse(state, edit, List.of()), null);
    }

    static FakeClusterAccess capture(String state, List<KeyValue> extra) {
        return new FakeClusterAccess(parse(state, UnaryOperator.identity(), extra), null);
    }

    /** The healthy capture whose members' REST APIs are all at {@code base}, called for real. */
    static FakeClusterAccess through(URI base) {
        return through(base, Duration.ofSeconds(30));
    }

    /** As {@link #through(URI)}, no request waiting longer than {@code cap}. */
    static FakeClusterAccess through(URI base, Duration cap) {
        String hostPort = base.getHost() + ":" + base.getPort();
        Cluster cluster = parse("healthy", v -> v.replaceAll("127\\.0\\.0\\.1:81(08|09|10)", hostPort), List.of());
        return new FakeClusterAccess(cluster, new NodeClient(RestClientSettings.plain()), cap);
    }

    private static Cluster parse(String state, UnaryOperator<String> edit, List<KeyValue> extra) {
        RangeResult range = Captures.range(state);
        List<KeyValue> kvs = new ArrayList<>();
        for (KeyValue kv : range.kvs()) {
            kvs.add(new KeyValue(kv.key(), edit.apply(kv.value()), kv.createRevision(), kv.modRevision(), kv.lease()));
        }
        kvs.addAll(extra);
        return ClusterParser.parse(new Keyspace("/service/", "demo"), new RangeResult(range.revision(), kvs));
    }

    /** The next member answer: a status and body. */
    FakeClusterAccess answer(int status, String body) {
        answers.add(new NodeResponse(status, body));
        return this;
    }

    /** The next member cannot be reached. */
    FakeClusterAccess unreachable() {
        answers.add(new NodeException("POST http://127.0.0.1:8108/switchover: connection refused", null));
        return this;
    }

    @Override
    public Cluster read(String clusterName) {
        if (!clusterName.equals("demo")) {
            throw new AssertionError("read of cluster " + clusterName);
        }
        return cluster;
    }

    @Override
    public NodeResponse request(io.pgha.dcs.Member member, String method, String path, String jsonBody,
                                Duration timeout) {
        calls.add(new Call(member.name(), method, path, jsonBody));
        if (client != null) {
            return client.call(method, member.apiEndpoint(path).orElseThrow(), jsonBody,
                    timeout.compareTo(cap) < 0 ? timeout : cap);
        }
        Object next = answers.poll();
        if (next == null) {
            throw new AssertionError("unexpected request " + method + " " + path + " to " + member.name());
        }
        if (next instanceof NodeException e) {
            throw e;
        }
        return (NodeResponse) next;
    }

    @Override
    public void putFailover(String clusterName, String value) {
        failoverWrites.add("put " + value);
    }

    @Override
    public boolean compareAndPutFailover(String clusterName, String value, long modRevision) {
        failoverWrites.add("cas " + value + " at " + modRevision);
        return compareAndPutSucceeds;
    }

    /** What one flow printed and how it ended: exit code, or the error it raised. */
    record Outcome(int exitCode, String out, String err, CliException error) {
        @Override
        public String toString() {
            return "exit " + exitCode + (error == null ? "" : " (" + error.getMessage() + ")") + "\n--- stdout\n" + out
                    + "--- stderr\n" + err;
        }
    }

    interface Flow {
        int run(OperationContext ops);
    }

    /** Runs {@code flow} with these answers to its questions (null: no terminal), as 4.1 or 3.0.2 would. */
    Outcome run(List<String> typed, Surface surface, Flow flow) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintWriter outWriter = new PrintWriter(out, true);
        Prompter prompter = typed == null ? new io.pgha.cli.prompt.NoTerminal() : new ScriptedPrompter(typed, outWriter);
        OperationContext ops = new OperationContext(this, () -> prompter, outWriter, new PrintWriter(err, true), surface,
                new Schedule(CLOCK), () -> new ProgressLine(outWriter, terminal));
        try {
            int code = flow.run(ops);
            return new Outcome(code, out.toString(), err.toString(), null);
        } catch (CliException e) {
            return new Outcome(e.exitCode(), out.toString(), err.toString(), e);
        } finally {
            if (client != null) {
                client.close();
            }
        }
    }

    Outcome run(List<String> typed, Flow flow) {
        return run(typed, Surface.PATRONI_4_1, flow);
    }
}
