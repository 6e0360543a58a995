package io.pgha.tls;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Certificates and private keys from the PEM files Patroni's settings name (etcd3 cacert/cert/key,
 * restapi certfile/keyfile/cafile, ctl certfile/keyfile/cacert), with the JDK only. Keys may be
 * PKCS#8, PKCS#1 RSA or SEC1 EC, or PKCS#8 encrypted with a password (what {@code openssl} 3 writes for
 * {@code -aes256}). Errors are {@link IllegalArgumentException}s whose message says what is wrong with
 * the file's content; callers add which file and setting it was.
 */
public final class PemKeys {
    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
    private static final byte[] OID_RSA = {0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01};
    private static final byte[] OID_EC = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};
    private static final char[] NO_PASSWORD = new char[0];

    private PemKeys() {
    }

    /** The certificates of a PEM file named by a setting; errors name the setting and the file. */
    public static List<Certificate> certificates(Path file, String setting) {
        byte[] pem = read(file, setting);
        try {
            return certificates(pem);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + " " + file + ": " + e.getMessage(), e);
        }
    }

    /** The bytes of a file named by a setting; the error names the setting, the file and the kind of failure. */
    public static byte[] read(Path file, String setting) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + setting + " " + file + ": " + e.getClass().getSimpleName());
        }
    }

    /** Every certificate in the PEM text, in order (the first is the leaf of a chain). */
    public static List<Certificate> certificates(byte[] pem) {
        try {
            Collection<? extends Certificate> certs =
                    CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem));
            if (certs.isEmpty()) {
                throw new IllegalArgumentException("no certificate in it");
            }
            return new ArrayList<>(certs);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a PEM certificate: " + e.getMessage());
        }
    }

    /** The first private key in the PEM text; {@code password} is needed only for an encrypted one. */
    public static PrivateKey privateKey(byte[] pem, String password) {
        String text = new String(pem, StandardCharsets.US_ASCII);
        Matcher block = BLOCK.matcher(text);
        while (block.find()) {
            String type = block.group(1);
            String body = block.group(2);
            if (!type.endsWith("PRIVATE KEY")) {
                continue;
            }
            if (body.contains("Proc-Type: 4,ENCRYPTED")) {
                throw new IllegalArgumentException("legacy OpenSSL key encryption is not supported;"
                        + " convert it with: openssl pkcs8 -topk8 -v2 aes-256-cbc");
            }
            byte[] der = Base64.getMimeDecoder().decode(body);
            return switch (type) {
                case "PRIVATE KEY" -> pkcs8(der);
                case "ENCRYPTED PRIVATE KEY" -> pkcs8(decrypt(der, password));
                case "RSA PRIVATE KEY" -> pkcs8(wrap(OID_RSA, new byte[] {0x05, 0x00}, der));
                case "EC PRIVATE KEY" -> pkcs8(wrap(OID_EC, curveOf(der), der));
                default -> throw new IllegalArgumentException("unsupported " + type);
            };
        }
        throw new IllegalArgumentException("no PEM private key in it");
    }

    /** A key manager presenting {@code chain} with {@code key}. */
    public static KeyManagerFactory keyManagers(List<Certificate> chain, PrivateKey key) throws GeneralSecurityException {
        KeyStore store = emptyStore();
        store.setKeyEntry("key", key, NO_PASSWORD, chain.toArray(new Certificate[0]));
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, NO_PASSWORD);
        return keys;
    }

    /** Trust in exactly {@code authorities}, or in the JDK's default authorities when null. */
    public static TrustManagerFactory trustManagers(List<Certificate> authorities) throws GeneralSecurityException {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (authorities == null) {
            trust.init((KeyStore) null);
        } else {
            KeyStore store = emptyStore();
            int i = 0;
            for (Certificate ca : authorities) {
                store.setCertificateEntry("ca" + i++, ca);
            }
            trust.init(store);
        }
        return trust;
    }

    public static X509TrustManager x509(TrustManagerFactory factory) {
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new IllegalStateException("the JDK offers no X.509 trust manager");
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            return store;
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static byte[] decrypt(byte[] der, String password) {
        if (password == null) {
            throw new IllegalArgumentException("the key is encrypted and no password is set for it");
        }
        try {
            EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
            AlgorithmParameters parameters = info.getAlgParameters();
            // PBES2 names itself by its parts (e.g. PBEWithHmacSHA256AndAES_256), which is what the JDK's factories take
            String algorithm = parameters == null ? info.getAlgName() : parameters.toString();
            SecretKeyFactory factory = SecretKeyFactory.getInstance(algorithm);
            Cipher cipher = Cipher.getInstance(algorithm);
            cipher.init(Cipher.DECRYPT_MODE, factory.generateSecret(new PBEKeySpec(password.toCharArray())), parameters);
            return info.getKeySpec(cipher).getEncoded();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot decrypt the key (wrong password or unsupported encryption): "
                    + e.getClass().getSimpleName());
        }
    }

    private static PrivateKey pkcs8(byte[] der) {
        for (String algorithm : new String[] {"RSA", "EC", "EdDSA"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException notThisOne) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException("not an RSA, EC or EdDSA private key");
    }

    /** PKCS#8 PrivateKeyInfo around a PKCS#1 or SEC1 key: SEQUENCE { 0, SEQUENCE { oid, params }, OCTET STRING key }. */
    private static byte[] wrap(byte[] algorithmOid, byte[] parameters, byte[] key) {
        return der(0x30, concat(new byte[] {0x02, 0x01, 0x00},
                der(0x30, concat(algorithmOid, parameters)),
                der(0x04, key)));
    }

    /** The named-curve OID in a SEC1 ECPrivateKey's [0] field, as a complete DER element. */
    private static byte[] curveOf(byte[] sec1) {
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
        throw new IllegalArgumentException("EC key without a named curve");
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
}
