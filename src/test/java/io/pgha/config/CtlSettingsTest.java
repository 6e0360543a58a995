package io.pgha.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CtlSettingsTest {

    private static CtlSettings ctl(String yaml) {
        return ConfigLoader.parse(yaml, "patroni.yml").ctl();
    }

    @Test
    void ctlSectionIsUsed() {
        CtlSettings settings = ctl("""
                ctl:
                  insecure: true
                  cacert: /ca.pem
                  certfile: /c.pem
                  keyfile: /k.pem
                  keyfile_password: kp
                  authentication: {username: ctl, password: ctlpw}
                restapi:
                  cafile: /rest-ca.pem
                  authentication: {username: rest, password: restpw}
                """);
        assertEquals(new CtlSettings(true, Path.of("/ca.pem"), Path.of("/c.pem"), Path.of("/k.pem"), "kp",
                new Credentials("ctl", "ctlpw")), settings);
    }

    @Test
    void restapiSettingsAreTheFallbackAsInPatronisClient() {
        CtlSettings settings = ctl("""
                restapi:
                  listen: 0.0.0.0:8008
                  cafile: /rest-ca.pem
                  certfile: /rest.pem
                  keyfile: /rest.key
                  authentication: {username: rest, password: restpw}
                """);
        assertEquals(new CtlSettings(false, Path.of("/rest-ca.pem"), Path.of("/rest.pem"), Path.of("/rest.key"), null,
                new Credentials("rest", "restpw")), settings);
    }

    @Test
    void nothingConfigured() {
        assertEquals(new CtlSettings(false, null, null, null, null, null), ctl("scope: demo\n"));
    }

    @Test
    void olderAuthStringIsUnderstood() {
        assertEquals(new Credentials("u", "p:w"), ctl("restapi: {auth: 'u:p:w'}\n").credentials());
    }

    @Test
    void insecureAcceptsPatronisBooleanSpellings() {
        assertTrue(ctl("ctl: {insecure: 'on'}\n").insecure());
        assertFalse(ctl("ctl: {insecure: '0'}\n").insecure());
        ConfigException e = assertThrows(ConfigException.class, () -> ctl("ctl:\n  insecure: sometimes\n"));
        assertEquals("config error: patroni.yml:2:3: ctl.insecure: expected a boolean (true/false, on/off, yes/no, 1/0), "
                + "got \"sometimes\"", e.getMessage());
    }

    @Test
    void dashKForcesInsecure() {
        assertTrue(ctl("scope: demo\n").withInsecure(true).insecure());
    }

    @Test
    void incompleteAuthenticationIsAnErrorThatHidesNothingSecret() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ctl("ctl:\n  authentication:\n    password: s3cr3t\n"));
        assertEquals("config error: patroni.yml:2:3: ctl.authentication: username and password are both required",
                e.getMessage());
    }

    @Test
    void passwordsAreNeverPrinted() {
        CtlSettings settings = ctl("ctl: {keyfile_password: k3y, authentication: {username: u, password: s3cr3t}}\n");
        assertFalse(settings.toString().contains("s3cr3t"), settings.toString());
        assertFalse(settings.toString().contains("k3y"), settings.toString());
        assertTrue(settings.toString().contains("username=u"));
    }

    @Test
    void credentialsFromRestapiAloneWhenCtlHasNone() {
        assertNull(ctl("ctl: {insecure: true}\n").credentials());
    }
}
