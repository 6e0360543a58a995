package io.pgha.dcs;

import io.pgha.tls.PemKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * TLS material from the PEM files Patroni's etcd3 section names (cacert, cert, key), with the JDK only,
 * so both transports trust and present exactly the same certificates. Keys may be PKCS#8, PKCS#1 RSA or
 * SEC1 EC ({@link PemKeys}), unencrypted: Patroni's etcd3 section has no key password.
 */
final class PemTls {

    private final TrustManagerFactory trustManagers;
    private final KeyManagerFactory keyManagers;
    private final SSLContext sslContext;

    private PemTls(TrustManagerFactory trustManagers, KeyManagerFactory keyManagers, SSLContext sslContext) {
        this.trustManagers = trustManagers;
        this.keyManagers = keyManagers;
        this.sslContext = sslContext;
    }

    /** Any argument may be null: no cacert means the JDK's default trust; no cert/key means no client certificate. */
    static PemTls load(Path cacert, Path cert, Path key) {
        if ((cert == null) != (key == null)) {
            throw new DcsException("etcd3: cert and key must be set together (got only " + (cert != null ? "cert" : "key") + ")");
        }
        try {
            TrustManagerFactory trust = PemKeys.trustManagers(cacert == null ? null : certificates(cacert, "cacert"));
            KeyManagerFactory keys = null;
            if (cert != null) {
                keys = PemKeys.keyManagers(certificates(cert, "cert"), privateKey(key));
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
            return new PemTls(trust, keys, context);
        } catch (GeneralSecurityException e) {
            throw new DcsException("etcd3 TLS setup failed: " + e.getMessage(), e);
        }
    }

    SSLContext sslContext() {
        return sslContext;
    }

    TrustManagerFactory trustManagers() {
        return trustManagers;
    }

    /** Null when no client certificate is configured. */
    KeyManagerFactory keyManagers() {
        return keyManagers;
    }

    X509TrustManager trustManager() {
        for (TrustManager manager : trustManagers.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new DcsException("etcd3 TLS setup failed: the JDK offers no X.509 trust manager");
    }

    private static List<Certificate> certificates(Path file, String what) {
        try {
            return PemKeys.certificates(read(file, what));
        } catch (IllegalArgumentException e) {
            throw new DcsException("etcd3 " + what + " " + file + ": " + e.getMessage());
        }
    }

    private static PrivateKey privateKey(Path file) {
        try {
            return PemKeys.privateKey(read(file, "key"), null);
        } catch (IllegalArgumentException e) {
            throw new DcsException("etcd3 key " + file + ": " + e.getMessage());
        }
    }

    private static byte[] read(Path file, String what) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new DcsException("cannot read etcd3 " + what + " " + file + ": " + e.getClass().getSimpleName());
        }
    }
}
