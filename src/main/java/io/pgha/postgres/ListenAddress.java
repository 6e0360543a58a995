package io.pgha.postgres;

/**
 * postgresql.listen, {@code addr[,addr…]:port}: what PostgreSQL binds to, and the host the agent
 * uses for its own local connections.
 */
public record ListenAddress(String addresses, int port) {
    public static final int DEFAULT_PORT = 5432;

    public ListenAddress {
        if (addresses == null || addresses.isBlank()) {
            throw new IllegalArgumentException("postgresql.listen: no address");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("postgresql.listen: port out of range: " + port);
        }
        addresses = addresses.strip();
    }

    public static ListenAddress parse(String listen) {
        if (listen == null || listen.isBlank()) {
            throw new IllegalArgumentException("postgresql.listen is required");
        }
        String text = listen.strip();
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            return new ListenAddress(text, DEFAULT_PORT);
        }
        String port = text.substring(colon + 1).strip();
        String addresses = text.substring(0, colon).replace("[", "").replace("]", "");
        try {
            return new ListenAddress(addresses, port.isEmpty() ? DEFAULT_PORT : Integer.parseInt(port));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("postgresql.listen: invalid port '" + port + "' in " + listen);
        }
    }

    /** The host for local TCP connections: the first address, or localhost for wildcards. */
    public String localHost() {
        String first = addresses.split(",")[0].strip();
        return switch (first) {
            case "*", "0.0.0.0", "::", "", "localhost" -> "localhost";
            default -> first;
        };
    }

    @Override
    public String toString() {
        return addresses + ":" + port;
    }
}
