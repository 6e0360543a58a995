package io.pgha.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A throw-away certificate authority made with openssl in a directory of its own: server certificates
 * for 127.0.0.1/localhost and client certificates with a chosen CN, signed by it. Files are
 * {@code <name>.pem} and {@code <name>.key} (unencrypted PKCS#8) in {@link #dir()}.
 */
public final class TestCertificates {
    private final Path dir;

    private TestCertificates(Path dir) {
        this.dir = dir;
    }

    /** A new CA ({@code ca.pem}, {@code ca.key}) under {@code parent}. */
    public static TestCertificates authority(Path parent, String name) {
        try {
            Path dir = Files.createDirectories(parent.resolve(name));
            TestCertificates certs = new TestCertificates(dir);
            certs.openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
                    "-subj", "/CN=pgha test CA " + name, "-days", "2");
            Files.writeString(dir.resolve("server.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
            Files.writeString(dir.resolve("client.ext"), "extendedKeyUsage=clientAuth\n");
            return certs;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path dir() {
        return dir;
    }

    public Path ca() {
        return dir.resolve("ca.pem");
    }

    public Path pem(String name) {
        return dir.resolve(name + ".pem");
    }

    public Path key(String name) {
        return dir.resolve(name + ".key");
    }

    /** A server certificate valid for 127.0.0.1 and localhost. */
    public TestCertificates server(String name) {
        return signed(name, "/CN=127.0.0.1", "server.ext");
    }

    /** A client certificate whose subject is {@code CN=<commonName>}. */
    public TestCertificates client(String name, String commonName) {
        return signed(name, "/CN=" + commonName, "client.ext");
    }

    /** {@code <name>.key} again as {@code <name>-encrypted.key}, PKCS#8 with AES-256 under {@code password}. */
    public Path encryptedKey(String name, String password) {
        Path out = dir.resolve(name + "-encrypted.key");
        openssl("pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", name + ".key", "-out", out.getFileName().toString(),
                "-passout", "pass:" + password);
        return out;
    }

    private TestCertificates signed(String name, String subject, String extensions) {
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".csr", "-subj", subject);
        openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", name + ".pem", "-days", "2", "-extfile", extensions);
        return this;
    }

    private void openssl(String... args) {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException("openssl " + String.join(" ", args) + " failed:\n" + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("openssl: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
