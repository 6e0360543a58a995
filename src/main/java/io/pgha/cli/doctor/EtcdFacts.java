package io.pgha.cli.doctor;

import java.util.List;

/**
 * What etcd's own endpoints said: each probed endpoint's health and status, and the member list
 * (null with {@code memberListError} when no endpoint gave one).
 */
public record EtcdFacts(List<Endpoint> endpoints, List<EtcdMember> members, String memberListError) {

    public EtcdFacts {
        endpoints = List.copyOf(endpoints);
        members = members == null ? null : List.copyOf(members);
    }

    /**
     * One client URL: {@code healthy} from GET /health; member and leader ids (decimal text, as the gateway
     * prints uint64) and the version from /v3/maintenance/status; {@code error} when it could not be asked.
     */
    public record Endpoint(String url, boolean healthy, String error, String memberId, String leaderId,
                           String version, List<String> errors) {
        public Endpoint {
            errors = errors == null ? List.of() : List.copyOf(errors);
        }

        public boolean hasLeader() {
            return leaderId != null && !leaderId.isEmpty() && !"0".equals(leaderId);
        }
    }

    /** One etcd cluster member from /v3/cluster/member/list. */
    public record EtcdMember(String id, String name, List<String> clientUrls) {
        public EtcdMember {
            clientUrls = List.copyOf(clientUrls);
        }
    }

    /** The endpoint probed at one of the member's client URLs, if any was. */
    public java.util.Optional<Endpoint> endpointOf(EtcdMember member) {
        return endpoints.stream().filter(e -> member.clientUrls().stream().anyMatch(u -> sameUrl(u, e.url()))).findFirst();
    }

    static boolean sameUrl(String a, String b) {
        return strip(a).equalsIgnoreCase(strip(b));
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
