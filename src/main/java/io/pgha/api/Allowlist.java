package io.pgha.api;

import io.pgha.dcs.Cluster;
import io.pgha.dcs.Member;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code restapi.allowlist} and {@code allowlist_include_members} (rest-api.md §2, check 1): an unsafe
 * request must come from an address in the list or, with members included, from an address of one of
 * the members' {@code api_url} hosts; otherwise 403 {@code Access is denied}. As in Patroni, hostnames
 * in the list are resolved once, when the list is built, and members' hosts on every check; a name that
 * does not resolve is logged and left out.
 */
final class Allowlist implements AccessControl {
    private static final System.Logger LOG = System.getLogger(Allowlist.class.getName());

    private final List<Network> networks;
    private final boolean includeMembers;

    private Allowlist(List<Network> networks, boolean includeMembers) {
        this.networks = List.copyOf(networks);
        this.includeMembers = includeMembers;
    }

    /** Null when neither is configured: every client passes. */
    static Allowlist of(List<String> entries, boolean includeMembers) {
        if (entries.isEmpty() && !includeMembers) {
            return null;
        }
        List<Network> networks = new ArrayList<>();
        for (String entry : entries) {
            if (entry.contains("/")) {
                Network.parse(entry).ifPresentOrElse(networks::add,
                        () -> LOG.log(System.Logger.Level.ERROR, "Invalid value \"" + entry + "\" in the allowlist"));
            } else {
                resolve(entry).forEach(address -> networks.add(Network.of(address)));
            }
        }
        return new Allowlist(networks, includeMembers);
    }

    @Override
    public Optional<ApiResponse> check(ApiRequest request, NodeView view) {
        InetAddress client = request.remote() == null ? null : request.remote().getAddress();
        if (client != null && allows(client, view.node().cluster())) {
            return Optional.empty();
        }
        return Optional.of(ApiResponse.message(403, "Access is denied"));
    }

    boolean allows(InetAddress client, Cluster cluster) {
        for (Network network : networks) {
            if (network.contains(client)) {
                return true;
            }
        }
        if (includeMembers && cluster != null) {
            for (Member member : cluster.members()) {
                for (InetAddress address : memberAddresses(member)) {
                    if (address.equals(client)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static List<InetAddress> memberAddresses(Member member) {
        String apiUrl = member.apiUrl();
        if (apiUrl == null || apiUrl.isEmpty()) {
            return List.of();
        }
        String host;
        try {
            host = URI.create(apiUrl).getHost();
        } catch (IllegalArgumentException e) {
            return List.of();
        }
        return host == null ? List.of() : resolve(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
    }

    private static List<InetAddress> resolve(String host) {
        try {
            return List.of(InetAddress.getAllByName(host));
        } catch (UnknownHostException | SecurityException e) {
            LOG.log(System.Logger.Level.ERROR, "Failed to resolve " + host + ": " + e.getMessage());
            return List.of();
        }
    }

    /** An address with a prefix length: a CIDR, or a single address at its full length. */
    record Network(byte[] address, int prefix) {

        static Network of(InetAddress address) {
            return new Network(address.getAddress(), address.getAddress().length * 8);
        }

        static Optional<Network> parse(String cidr) {
            int slash = cidr.indexOf('/');
            String host = cidr.substring(0, slash);
            if (!host.matches("[0-9a-fA-F:.]+")) {
                return Optional.empty(); // a literal only: no name lookups for a network
            }
            try {
                byte[] address = InetAddress.getByName(host).getAddress();
                int prefix = Integer.parseInt(cidr.substring(slash + 1));
                if (prefix < 0 || prefix > address.length * 8) {
                    return Optional.empty();
                }
                return Optional.of(new Network(address, prefix));
            } catch (UnknownHostException | NumberFormatException e) {
                return Optional.empty();
            }
        }

        boolean contains(InetAddress candidate) {
            byte[] other = candidate.getAddress();
            if (other.length != address.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (other[i] != address[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xff << (8 - rest) & 0xff;
            return (other[full] & mask) == (address[full] & mask);
        }
    }
}
