package io.pgha.config;

import java.util.Optional;

/**
 * The {@code restapi} section as the agent needs it (config.md §3.3): where the REST API listens and
 * the address peers reach it at, which makes the member's {@code api_url}
 * ({@code http(s)://<connect_address>/patroni}). {@code connect_address} falls back to {@code listen}.
 */
public record RestApiSection(String listenHost, int listenPort, String connectAddress, boolean https,
                             Credentials credentials) {

    public static final int DEFAULT_PORT = 8008;

    public static RestApiSection from(PatroniConfig config) {
        Section restapi = config.section("restapi");
        if (!restapi.isPresent()) {
            throw config.section().error("restapi", "not set; give restapi.listen (host:port) and restapi.connect_address");
        }
        String listen = restapi.string("listen")
                .orElseThrow(() -> restapi.error("listen: not set; give host:port to bind the REST API to"));
        HostPort bind = HostPort.parse(listen.strip(), DEFAULT_PORT)
                .orElseThrow(() -> restapi.error("listen", "expected host:port, got " + Section.quote(listen)));
        String connect = restapi.string("connect_address").orElse(listen).strip();
        if (HostPort.parse(connect, DEFAULT_PORT).isEmpty()) {
            throw restapi.error("connect_address", "expected host:port, got " + Section.quote(connect));
        }
        Optional<Credentials> credentials = Credentials.from(restapi);
        return new RestApiSection(bind.host(), bind.port(), connect, restapi.has("certfile"), credentials.orElse(null));
    }

    /** The member key's {@code api_url}: peers GET it as is for the status document. */
    public String apiUrl() {
        return (https ? "https" : "http") + "://" + connectAddress + "/patroni";
    }

    @Override
    public String toString() {
        return "RestApiSection[listen=" + listenHost + ":" + listenPort + ", connectAddress=" + connectAddress
                + ", https=" + https + ", credentials=" + credentials + "]";
    }
}
