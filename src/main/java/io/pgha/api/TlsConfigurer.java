package io.pgha.api;

import io.pgha.tls.PemKeys;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;

/**
 * Applies ctl's TLS settings to an okhttp client: a CA file to trust, or no verification (-k), and a
 * client certificate (certfile, with its key in keyfile or in certfile itself, keyfile_password for an
 * encrypted key) for members whose {@code restapi.verify_client} asks for one.
 */
final class TlsConfigurer {
    private TlsConfigurer() {
    }

    static void apply(OkHttpClient.Builder builder, RestClientSettings settings) {
        if (!settings.insecure() && settings.cacert() == null && settings.certfile() == null) {
            return; // the JDK's defaults
        }
        KeyManager[] keys = settings.certfile() == null ? null : clientKeys(settings);
        X509TrustManager trust;
        HostnameVerifier hosts = null;
        try {
            if (settings.insecure()) {
                trust = new TrustAll();
                hosts = (host, session) -> true;
            } else {
                trust = PemKeys.x509(PemKeys.trustManagers(
                        settings.cacert() == null ? null : PemKeys.certificates(settings.cacert(), "ctl.cacert")));
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, new TrustManager[] {trust}, new SecureRandom());
            builder.sslSocketFactory(context.getSocketFactory(), trust);
            if (hosts != null) {
                builder.hostnameVerifier(hosts);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("ctl.cacert " + settings.cacert() + ": " + e.getMessage(), e);
        }
    }

    private static KeyManager[] clientKeys(RestClientSettings settings) {
        List<Certificate> chain = PemKeys.certificates(settings.certfile(), "ctl.certfile");
        Path keyfile = settings.keyfile() == null ? settings.certfile() : settings.keyfile();
        String setting = settings.keyfile() == null ? "ctl.certfile" : "ctl.keyfile";
        byte[] pem = PemKeys.read(keyfile, setting);
        try {
            PrivateKey key = PemKeys.privateKey(pem, settings.keyfilePassword());
            return PemKeys.keyManagers(chain, key).getKeyManagers();
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalArgumentException(setting + " " + keyfile + ": " + e.getMessage(), e);
        }
    }

    /** ctl.insecure / -k: accept any server certificate, as patronictl does. */
    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
