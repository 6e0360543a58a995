package io.pgha.config;

import java.util.Locale;

/**
 * The parts of a URL as Python's {@code urllib.parse.urlsplit} finds them, which is how Patroni reads
 * {@code etcd3.url} and patronictl reads {@code -d}. Lenient where java.net.URI is strict (a
 * password with {@code #} or {@code %} in it), strict about the port. Null means "absent".
 */
record UrlParts(String scheme, String username, String password, String host, Integer port, String path) {

    /** @throws IllegalArgumentException when the port is not a number from 0 to 65535 */
    static UrlParts parse(String url) {
        String scheme = "";
        String rest = url;
        int colon = url.indexOf(':');
        if (colon > 0 && isAsciiLetter(url.charAt(0)) && url.substring(0, colon).chars().allMatch(UrlParts::isSchemeChar)) {
            scheme = url.substring(0, colon).toLowerCase(Locale.ROOT);
            rest = url.substring(colon + 1);
        }
        String netloc = "";
        if (rest.startsWith("//")) {
            int end = indexOfAny(rest, 2, "/?#");
            netloc = rest.substring(2, end);
            rest = rest.substring(end);
        }
        String path = rest.substring(0, indexOfAny(rest, 0, "?#"));

        String userinfo = null;
        String hostinfo = netloc;
        int at = netloc.lastIndexOf('@');
        if (at >= 0) {
            userinfo = netloc.substring(0, at);
            hostinfo = netloc.substring(at + 1);
        }
        String username = null;
        String password = null;
        if (userinfo != null) {
            int sep = userinfo.indexOf(':');
            username = sep < 0 ? userinfo : userinfo.substring(0, sep);
            password = sep < 0 ? null : userinfo.substring(sep + 1);
        }

        String host;
        String port;
        int bracket = hostinfo.indexOf('[');
        if (bracket >= 0) {
            String bracketed = hostinfo.substring(bracket + 1);
            int close = bracketed.indexOf(']');
            host = close < 0 ? bracketed : bracketed.substring(0, close);
            String after = close < 0 ? "" : bracketed.substring(close + 1);
            int sep = after.indexOf(':');
            port = sep < 0 ? "" : after.substring(sep + 1);
        } else {
            int sep = hostinfo.indexOf(':');
            host = sep < 0 ? hostinfo : hostinfo.substring(0, sep);
            port = sep < 0 ? "" : hostinfo.substring(sep + 1);
        }
        return new UrlParts(scheme, username, password, host.isEmpty() ? null : host.toLowerCase(Locale.ROOT),
                parsePort(port), path);
    }

    /** {@code host:port}, with brackets around an IPv6 address. */
    static String hostPort(String host, int port) {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    private static Integer parsePort(String port) {
        if (port.isEmpty()) {
            return null;
        }
        if (!port.chars().allMatch(c -> c >= '0' && c <= '9') || port.length() > 5 || Integer.parseInt(port) > 65535) {
            // the text is not echoed: in a url with a malformed userinfo it may be part of a password
            throw new IllegalArgumentException("port must be a number from 0 to 65535");
        }
        return Integer.parseInt(port);
    }

    private static int indexOfAny(String s, int from, String chars) {
        for (int i = from; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return s.length();
    }

    private static boolean isAsciiLetter(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static boolean isSchemeChar(int c) {
        return isAsciiLetter(c) || c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.';
    }

    @Override
    public String toString() {
        return "UrlParts[scheme=" + scheme + ", username=" + username + ", host=" + host + ", port=" + port
                + ", path=" + path + "]";
    }
}
