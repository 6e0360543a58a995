package io.pgha.dcs;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * TLS material from the PEM files Patroni's etcd3 section names (cacert, cert, key), with the JDK only,
 * so both transports trust and present exactly the same certificates. Keys may be PKCS#8, PKCS#1 RSA or
 * SEC1 EC, unencrypted.
 */
final class PemTls {
    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
    private static final byte[] OID_RSA = {0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01};
    private static final byte[] OID_EC = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};
    private static final char[] NO_PASSWORD = new char[0];

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
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (cacert == null) {
                trust.init((KeyStore) null);
            } else {
                KeyStore store = emptyStore();
                int i = 0;
                for (Certificate ca : certificates(cacert, "cacert")) {
                    store.setCertificateEntry("ca" + i++, ca);
                }
                trust.init(store);
            }
            KeyManagerFactory keys = null;
            if (cert != null) {
                KeyStore store = emptyStore();
                store.setKeyEntry("client", privateKey(key),
                        NO_PASSWORD, certificates(cert, "cert").toArray(new Certificate[0]));
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(store, NO_PASSWORD);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
            return new PemTls(trust, keys, context);
        } catch (GeneralSecurityException | IOException e) {
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

    private static KeyStore emptyStore() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }

    private static Collection<? extends Certificate> certificates(Path file, String what) throws GeneralSecurityException {
        byte[] pem = read(file, what);
        Collection<? extends Certificate> certs =
                CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem));
        if (certs.isEmpty()) {
            throw new DcsException("etcd3 " + what + " " + file + ": no certificate in it");
        }
        return certs;
    }

    private static PrivateKey privateKey(Path file) throws GeneralSecurityException {
        String text = new String(read(file, "key"), StandardCharsets.US_ASCII);
        Matcher block = BLOCK.matcher(text);
        while (block.find()) {
            String type = block.group(1);
            String body = block.group(2);
            if (type.equals("ENCRYPTED PRIVATE KEY") || body.contains("ENCRYPTED")) {
                throw new DcsException("etcd3 key " + file + ": encrypted private keys are not supported");
            }
            if (!type.endsWith("PRIVATE KEY")) {
                continue;
            }
            byte[] der = Base64.getMimeDecoder().decode(body.replaceAll("(?m)^[A-Za-z-]+:.*$", ""));
            return switch (type) {
                case "PRIVATE KEY" -> pkcs8(der, file);
                case "RSA PRIVATE KEY" -> pkcs8(wrap(OID_RSA, new byte[] {0x05, 0x00}, der), file);
                case "EC PRIVATE KEY" -> pkcs8(wrap(OID_EC, curveOf(der, file), der), file);
                default -> throw new DcsException("etcd3 key " + file + ": unsupported " + type);
            };
        }
        throw new DcsException("etcd3 key " + file + ": no PEM private key in it");
    }

    private static PrivateKey pkcs8(byte[] der, Path file) {
        for (String algorithm : new String[] {"RSA", "EC", "EdDSA"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException notThisOne) {
                // try the next algorithm
            }
        }
        throw new DcsException("etcd3 key " + file + ": not an RSA, EC or EdDSA private key");
    }

    /** PKCS#8 PrivateKeyInfo around a PKCS#1 or SEC1 key: SEQUENCE { 0, SEQUENCE { oid, params }, OCTET STRING key }. */
    private static byte[] wrap(byte[] algorithmOid, byte[] parameters, byte[] key) {
        return der(0x30, concat(new byte[] {0x02, 0x01, 0x00},
                der(0x30, concat(algorithmOid, parameters)),
                der(0x04, key)));
    }

    /** The named-curve OID in a SEC1 ECPrivateKey's [0] field, as a complete DER element. */
    private static byte[] curveOf(byte[] sec1, Path file) {
        int[] outer = header(sec1, 0);
        int at = outer[0];
        int end = outer[0] + outer[1];
        while (at < end) {
            int[] element = header(sec1, at);
            if ((sec1[at] & 0xff) == 0xa0) {
                byte[] oid = new byte[element[1]];
                System.arraycopy(sec1, element[0], oid, 0, element[1]);
                return oid;
            }
            at = element[0] + element[1];
        }
        throw new DcsException("etcd3 key " + file + ": EC key without a named curve");
    }

    /** {content offset, content length} of the DER element starting at {@code at}. */
    private static int[] header(byte[] der, int at) {
        int first = der[at + 1] & 0xff;
        if (first < 0x80) {
            return new int[] {at + 2, first};
        }
        int count = first & 0x7f;
        int length = 0;
        for (int i = 0; i < count; i++) {
            length = (length << 8) | (der[at + 2 + i] & 0xff);
        }
        return new int[] {at + 2 + count, length};
    }

    private static byte[] der(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = length > 0xffffff ? 4 : length > 0xffff ? 3 : length > 0xff ? 2 : 1;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] read(Path file, String what) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new DcsException("cannot read etcd3 " + what + " " + file + ": " + e.getClass().getSimpleName());
        }
    }
}
