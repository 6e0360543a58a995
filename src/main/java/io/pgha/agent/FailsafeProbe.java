package io.pgha.agent;

import io.pgha.api.NodeClient;
import io.pgha.api.NodeException;
import io.pgha.api.NodeResponse;
import io.pgha.ha.SlotNames;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The answer to {@link io.pgha.ha.Action.ConfirmFailsafe}: POST {@code /failsafe} to every other member
 * of the last {@code /failsafe} read, all at once (2 s, one retry after an I/O failure, as Patroni), and
 * count the {@code 200 Accepted} answers.
 */
final class FailsafeProbe {
    private static final System.Logger LOG = System.getLogger(FailsafeProbe.class.getName());
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final AgentParts parts;

    FailsafeProbe(AgentParts parts) {
        this.parts = parts;
    }

    boolean confirm(Cycle cycle) {
        Map<String, String> topology = parts.failsafe.topology();
        String me = parts.name();
        if (topology == null || !topology.containsKey(me)) {
            LOG.log(System.Logger.Level.WARNING, "failsafe mode: the last /failsafe read does not name " + me);
            return false;
        }
        Map<String, String> others = new LinkedHashMap<>(topology);
        others.remove(me);
        boolean confirmed = others.isEmpty() || everyoneAccepts(others, body(cycle));
        if (confirmed) {
            parts.failsafe.confirmed(cycle.now());
            // Patroni's set_is_leader(True): the members vouch for this leader for another ttl, so the next
            // renewal (once the DCS is back) gets its full budget instead of giving up at the old deadline
            parts.memory.leaderKeyRenewed(cycle.now());
        } else {
            parts.failsafe.cleared();
        }
        return confirmed;
    }

    private String body(Cycle cycle) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", parts.name());
        body.put("conn_url", parts.postgres().settings().connUrl());
        body.put("api_url", parts.config.restapi().apiUrl());
        Long wal = cycle.local().postgres().walPosition();
        body.put("slots", wal == null ? Map.of() : Map.of(SlotNames.forMember(parts.name()), wal));
        return io.pgha.dcs.Json.write(body);
    }

    private boolean everyoneAccepts(Map<String, String> members, String body) {
        ExecutorService pool = Executors.newFixedThreadPool(members.size(), r -> {
            Thread thread = new Thread(r, "pgha-failsafe-post");
            thread.setDaemon(true);
            return thread;
        });
        try (NodeClient client = new NodeClient(parts.config.restClient().withTimeout(TIMEOUT))) {
            List<CompletableFuture<Boolean>> calls = members.entrySet().stream()
                    .map(m -> CompletableFuture.supplyAsync(() -> post(client, m.getKey(), m.getValue(), body), pool))
                    .toList();
            return calls.stream().map(CompletableFuture::join).reduce(true, Boolean::logicalAnd);
        } finally {
            pool.shutdownNow();
        }
    }

    private static boolean post(NodeClient client, String name, String apiUrl, String body) {
        try {
            URI base = URI.create(apiUrl);
            URI url = new URI(base.getScheme(), null, base.getHost(), base.getPort(), "/failsafe", null, null);
            NodeResponse response;
            try {
                response = client.call("POST", url, body, TIMEOUT);
            } catch (NodeException first) {
                // Patroni posts with retries=1: one more try after a timeout or a refused connection
                response = client.call("POST", url, body, TIMEOUT);
            }
            LOG.log(System.Logger.Level.INFO, "Got response from " + name + " " + apiUrl + ": " + response.body());
            return response.status() == 200 && "Accepted".equals(response.body());
        } catch (NodeException | IllegalArgumentException | NullPointerException | java.net.URISyntaxException e) {
            LOG.log(System.Logger.Level.WARNING, "Request failed to " + name + ": POST " + apiUrl + " (" + e.getMessage() + ")");
            return false;
        }
    }
}
