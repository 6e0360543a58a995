package io.pgha.postgres;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * Replication-protocol commands to an upstream as the replication user (what a replica may do
 * anyway): IDENTIFY_SYSTEM and TIMELINE_HISTORY, the facts a divergence check needs.
 */
final class ReplicationProtocol {
    private final PostgresSettings settings;
    private final Connector connector;

    ReplicationProtocol(PostgresSettings settings, Connector connector) {
        this.settings = settings;
        this.connector = connector;
    }

    SystemIdentity identifySystem(Upstream upstream) {
        try (Connection connection = open(upstream); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("IDENTIFY_SYSTEM")) {
            rs.next();
            return new SystemIdentity(rs.getString("systemid"), rs.getInt("timeline"), Lsn.parse(rs.getString("xlogpos")));
        } catch (SQLException e) {
            throw connector.failure("IDENTIFY_SYSTEM on " + upstream + " failed", e);
        }
    }

    List<TimelineHistory.Entry> timelineHistory(Upstream upstream, int timeline) {
        if (timeline <= 1) {
            return List.of();
        }
        try (Connection connection = open(upstream); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("TIMELINE_HISTORY " + timeline)) {
            rs.next();
            return TimelineHistory.parse(text(rs.getString("content")));
        } catch (SQLException e) {
            throw connector.failure("TIMELINE_HISTORY " + timeline + " on " + upstream + " failed", e);
        }
    }

    /** The file's text; a walsender may label it bytea, which arrives hex-encoded. */
    static String text(String content) {
        if (content == null || !content.startsWith("\\x")) {
            return content == null ? "" : content;
        }
        return new String(java.util.HexFormat.of().parseHex(content.substring(2)), StandardCharsets.UTF_8);
    }

    private Connection open(Upstream upstream) throws SQLException {
        Credentials user = settings.authentication().replication();
        Properties props = new Properties();
        props.setProperty("user", user.username());
        if (user.hasPassword()) {
            props.setProperty("password", user.password());
        }
        Duration timeout = connector.timeout();
        int seconds = (int) Math.max(1, timeout.toSeconds());
        props.setProperty("connectTimeout", String.valueOf(seconds));
        props.setProperty("loginTimeout", String.valueOf(seconds));
        props.setProperty("socketTimeout", String.valueOf(seconds + 5));
        props.setProperty("ApplicationName", "pgha");
        // a physical walsender: the "replication" lines of pg_hba.conf apply, as for streaming
        props.setProperty("replication", "true");
        props.setProperty("preferQueryMode", "simple");
        props.setProperty("assumeMinServerVersion", "9.4");
        String host = upstream.host().contains(":") ? "[" + upstream.host() + "]" : upstream.host();
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + upstream.port() + "/" + upstream.database(), props);
    }
}
