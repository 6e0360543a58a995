package io.pgha.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;

/** Applies ctl's TLS settings to an okhttp client: a CA file to trust, or no verification (-k). */
final class TlsConfigurer {
    private TlsConfigurer() {
    }

    static void apply(OkHttpClient.Builder builder, RestClientSettings settings) {
        if (settings.certfile() != null || settings.keyfile() != null) {
            throw new IllegalArgumentException("ctl.certfile/keyfile: client certificates for REST calls are not supported yet");
        }
        try {
            if (settings.insecure()) {
                X509TrustManager trustAll = new TrustAll();
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, new TrustManager[] {trustAll}, new SecureRandom());
                HostnameVerifier anyHost = (host, session) -> true;
                builder.sslSocketFactory(context.getSocketFactory(), trustAll).hostnameVerifier(anyHost);
            } else if (settings.cacert() != null) {
                X509TrustManager trust = trustManagerFor(settings);
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, new TrustManager[] {trust}, new SecureRandom());
                builder.sslSocketFactory(context.getSocketFactory(), trust);
            }
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("ctl.cacert " + settings.cacert() + ": " + e.getMessage(), e);
        }
    }

    private static X509TrustManager trustManagerFor(RestClientSettings settings)
            throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(settings.cacert())) {
            int i = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca" + i++, certificate);
            }
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return (X509TrustManager) factory.getTrustManagers()[0];
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
