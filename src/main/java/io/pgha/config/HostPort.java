package io.pgha.config;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A {@code host[:port]} or {@code [ipv6][:port]} endpoint as Patroni's etcd settings write it. */
record HostPort(String host, int port) {
    private static final Pattern BRACKETED = Pattern.compile("\\[([0-9A-Fa-f:.%\\w]+)](?::(\\d{1,5}))?");
    private static final Pattern PLAIN = Pattern.compile("([^:\\[\\]/@\\s]+)(?::(\\d{1,5}))?");

    /** Empty when the text is not a host with an optional port from 1 to 65535. */
    static Optional<HostPort> parse(String text, int defaultPort) {
        Matcher m = BRACKETED.matcher(text);
        if (!m.matches()) {
            m = PLAIN.matcher(text);
            if (!m.matches()) {
                return Optional.empty();
            }
        }
        int port = m.group(2) == null ? defaultPort : Integer.parseInt(m.group(2));
        if (port < 1 || port > 65535) {
            return Optional.empty();
        }
        return Optional.of(new HostPort(m.group(1), port));
    }
}
