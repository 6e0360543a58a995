package io.pgha.postgres;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The pg_hba.conf a custom bootstrap runs with until post_bootstrap is done (ha-loop.md §14.2): the restored
 * cluster's passwords are unknown, so the superuser and the replication user are trusted on the Unix socket
 * and on the addresses the agent itself connects to, as Patroni does. Nothing else may connect meanwhile.
 */
final class TrustHba {
    private TrustHba() {
    }

    static List<String> lines(PostgresSettings settings) {
        String replication = settings.authentication().replication().username();
        String superuser = settings.authentication().superuser().username();
        List<String> lines = new ArrayList<>();
        lines.add("local\treplication\t" + replication + "\t\ttrust");
        lines.add("local\tall\t" + superuser + "\t\ttrust");
        for (String address : addresses(settings.listen().localHost())) {
            lines.add("host\treplication\t" + replication + "\t" + address + "\ttrust");
            lines.add("host\tall\t" + superuser + "\t" + address + "\ttrust");
        }
        return lines;
    }

    /**
     * Every address {@code host} resolves to, as a single-host CIDR. Patroni writes /32 for IPv6 too, which
     * would trust a whole range; /128 trusts only the address.
     */
    static List<String> addresses(String host) {
        Set<String> cidrs = new LinkedHashSet<>();
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                cidrs.add(address.getHostAddress().replaceFirst("%.*$", "")
                        + (address instanceof Inet6Address ? "/128" : "/32"));
            }
        } catch (UnknownHostException e) {
            throw new PostgresException("cannot resolve " + host + " for the bootstrap pg_hba.conf: " + e.getMessage(), e);
        }
        return List.copyOf(cidrs);
    }
}
