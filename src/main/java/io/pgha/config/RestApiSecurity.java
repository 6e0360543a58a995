package io.pgha.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Who may use the REST API (config.md §3.3, rest-api.md §2): TLS ({@code certfile} switches HTTPS on;
 * {@code keyfile}, {@code keyfile_password}, {@code cafile}, {@code verify_client}) and the allow list
 * for unsafe requests ({@code allowlist}, {@code allowlist_include_members}). Null means "not set".
 */
public record RestApiSecurity(Path certfile, Path keyfile, String keyfilePassword, Path cafile, String verifyClient,
                              List<String> allowlist, boolean allowlistIncludeMembers) {

    public static final List<String> VERIFY_CLIENT = List.of("none", "optional", "required");

    public RestApiSecurity {
        allowlist = allowlist == null ? List.of() : List.copyOf(allowlist);
        verifyClient = verifyClient == null ? "none" : verifyClient;
    }

    public static RestApiSecurity from(PatroniConfig config) {
        Section restapi = config.section("restapi");
        String verify = restapi.string("verify_client").map(v -> v.toLowerCase(Locale.ROOT)).orElse("none");
        if (!VERIFY_CLIENT.contains(verify)) {
            throw restapi.error("verify_client", "expected none, optional or required, got " + Section.quote(verify));
        }
        // as in Patroni, without a certfile the API is plain HTTP and the other TLS settings are unused
        return new RestApiSecurity(restapi.file("certfile").orElse(null), restapi.file("keyfile").orElse(null),
                restapi.string("keyfile_password").orElse(null), restapi.file("cafile").orElse(null), verify,
                allowlist(restapi), restapi.bool("allowlist_include_members").orElse(false));
    }

    private static List<String> allowlist(Section restapi) {
        Object raw = restapi.raw("allowlist");
        if (raw == null || "".equals(raw)) {
            return List.of();
        }
        if (!(raw instanceof List<?> list)) {
            throw restapi.error("allowlist", "expected a list of hosts, IPs or CIDRs, got " + Section.describe("allowlist", raw));
        }
        List<String> entries = new ArrayList<>();
        for (Object entry : list) {
            if (entry == null || entry instanceof java.util.Map<?, ?> || entry instanceof List<?>) {
                throw restapi.error("allowlist", "expected a list of hosts, IPs or CIDRs, got an entry "
                        + Section.describe("allowlist", entry));
            }
            entries.add(String.valueOf(entry).strip());
        }
        return entries;
    }

    public boolean https() {
        return certfile != null;
    }

    @Override
    public String toString() {
        return "RestApiSecurity[certfile=" + certfile + ", keyfile=" + keyfile + ", keyfilePassword="
                + (keyfilePassword == null ? null : "***") + ", cafile=" + cafile + ", verifyClient=" + verifyClient
                + ", allowlist=" + allowlist + ", allowlistIncludeMembers=" + allowlistIncludeMembers + "]";
    }
}
