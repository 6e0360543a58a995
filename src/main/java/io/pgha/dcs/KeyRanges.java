package io.pgha.dcs;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Byte-level helpers shared by both transports: UTF-8 text and etcd's prefix range end. */
final class KeyRanges {
    private KeyRanges() {
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Lenient on purpose: a value another writer left as non-UTF-8 reads as replacement characters, not as an outage. */
    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * The exclusive end of the range of keys starting with {@code prefix}: the prefix with its last
     * byte below 0xff incremented and anything after it dropped ({@code /service/demo/} becomes
     * {@code /service/demo0}). A prefix of only 0xff bytes (or empty) means "to the end": {@code \0}.
     */
    static byte[] prefixEnd(byte[] prefix) {
        for (int i = prefix.length - 1; i >= 0; i--) {
            if (prefix[i] != (byte) 0xff) {
                byte[] end = Arrays.copyOf(prefix, i + 1);
                end[i]++;
                return end;
            }
        }
        return new byte[] {0};
    }
}
