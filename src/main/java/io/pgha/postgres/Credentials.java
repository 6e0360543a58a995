package io.pgha.postgres;

/** A database role and its password (null: none configured). toString never shows the password. */
public record Credentials(String username, String password) {
    public Credentials {
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("authentication: username is required");
        }
        if (password != null && password.isEmpty()) {
            password = null;
        }
        if (password != null && (password.indexOf('\n') >= 0 || password.indexOf('\r') >= 0)) {
            // neither a pgpass file nor initdb's pwfile can carry it
            throw new IllegalArgumentException("authentication: the password of " + username + " contains a line break");
        }
    }

    public boolean hasPassword() {
        return password != null;
    }

    @Override
    public String toString() {
        return "Credentials[username=" + username + (password == null ? "" : ", password=********") + "]";
    }
}
