package io.pgha.config;

import java.util.Optional;

/** A user name and password for HTTP basic or etcd authentication; {@link #toString()} hides the password. */
public record Credentials(String username, String password) {
    public Credentials {
        if (username == null || password == null) {
            throw new IllegalArgumentException("username and password are both required");
        }
    }

    /**
     * The credentials of {@code <section>.authentication} ({@code username}/{@code password}), else of the
     * older form {@code <section>.auth: "username:password"}; empty when neither is set.
     */
    static Optional<Credentials> from(Section section) {
        Section authentication = section.section("authentication");
        if (authentication.isPresent()) {
            String username = authentication.string("username").orElse(null);
            String password = authentication.string("password").orElse(null);
            if (username == null || password == null) {
                throw authentication.error("username and password are both required");
            }
            return Optional.of(new Credentials(username, password));
        }
        return section.string("auth").map(auth -> {
            int colon = auth.indexOf(':');
            if (colon < 0) {
                throw section.error("auth", "expected \"username:password\"");
            }
            return new Credentials(auth.substring(0, colon), auth.substring(colon + 1));
        });
    }

    @Override
    public String toString() {
        return "Credentials[username=" + username + ", password=***]";
    }
}
