package io.pgha.config;

import java.nio.file.Path;

/**
 * How patronictl (and the agent's peer calls) talk to members' REST APIs, resolved as Patroni's HTTP
 * client does: each of credentials, certfile, keyfile and keyfile_password comes from {@code ctl} when
 * set there, else from {@code restapi}; the CA from {@code ctl.cacert}, else {@code restapi.cafile}.
 * {@code insecure} skips verification of the server certificate. Null means "not set".
 */
public record CtlSettings(
        boolean insecure,
        Path cacert,
        Path certfile,
        Path keyfile,
        String keyfilePassword,
        Credentials credentials) {

    static CtlSettings from(PatroniConfig config) {
        Section ctl = config.section("ctl");
        Section restapi = config.section("restapi");
        return new CtlSettings(
                ctl.bool("insecure").orElse(false),
                ctl.file("cacert").or(() -> restapi.file("cafile")).orElse(null),
                ctl.file("certfile").or(() -> restapi.file("certfile")).orElse(null),
                ctl.file("keyfile").or(() -> restapi.file("keyfile")).orElse(null),
                ctl.string("keyfile_password").or(() -> restapi.string("keyfile_password")).orElse(null),
                Credentials.from(ctl).or(() -> Credentials.from(restapi)).orElse(null));
    }

    /** For patronictl's {@code -k/--insecure}. */
    public CtlSettings withInsecure(boolean newInsecure) {
        return new CtlSettings(newInsecure, cacert, certfile, keyfile, keyfilePassword, credentials);
    }

    @Override
    public String toString() {
        return "CtlSettings[insecure=" + insecure + ", cacert=" + cacert + ", certfile=" + certfile
                + ", keyfile=" + keyfile + ", keyfilePassword=" + (keyfilePassword == null ? null : "***")
                + ", credentials=" + credentials + "]";
    }
}
