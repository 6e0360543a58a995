package io.pgha.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.testing.Captures;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every health check, /liveness and /readiness answers, on every captured node that was up, the
 * status code the Patroni 3.0.2 node answered ({@code rest-health-codes.txt}); {@code HEAD} and
 * {@code OPTIONS} answer the same code without a body.
 */
class CapturedHealthCodesTest {
    private final Router router = Router.readEndpoints(AccessControl.OPEN);

    record Check(String state, String node, String path, int code) {
        @Override
        public String toString() {
            return state + " " + node + " " + path + " -> " + code;
        }
    }

    static Stream<Arguments> capturedChecks() {
        List<Arguments> checks = new ArrayList<>();
        for (String state : Captures.STATES) {
            for (String line : Captures.text(state, "rest-health-codes.txt").split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length == 5 && !"000".equals(f[4])) {
                    checks.add(Arguments.of(new Check(state, f[0], f[2], Integer.parseInt(f[4]))));
                }
            }
        }
        assertTrue(checks.size() > 200, "the captures list the codes of every node");
        return checks.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("capturedChecks")
    void answersPatronisCode(Check check) {
        NodeView view = CapturedNodes.view(check.state(), check.node());
        ApiResponse response = router.route(ApiRequest.of("GET", check.path()), view);
        assertEquals(check.code(), response.status());
        boolean probe = check.path().equals("/liveness") || check.path().equals("/readiness");
        assertEquals(probe, response.statusOnly(), "probes answer with the status line only");
        if (!probe) {
            for (String method : List.of("HEAD", "OPTIONS")) {
                ApiResponse bare = router.route(ApiRequest.of(method, check.path()), view);
                assertEquals(check.code(), bare.status(), method);
                assertTrue(bare.statusOnly(), method + " answers with the status line only");
            }
        }
    }
}
