package io.pgha.postgres;

/** WAL locations: PostgreSQL's {@code X/Y} text form and the byte offsets Patroni publishes. */
public final class Lsn {
    private Lsn() {
    }

    /** {@code "16/B374D848"} as a byte position; throws on anything else. */
    public static long parse(String text) {
        int slash = text == null ? -1 : text.indexOf('/');
        if (slash <= 0 || slash == text.length() - 1) {
            throw new IllegalArgumentException("not a WAL location: " + text);
        }
        long high = Long.parseUnsignedLong(text.substring(0, slash).strip(), 16);
        long low = Long.parseUnsignedLong(text.substring(slash + 1).strip(), 16);
        if (high > 0xFFFFFFFFL || low > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("not a WAL location: " + text);
        }
        return (high << 32) | low;
    }

    public static String format(long lsn) {
        return Long.toHexString(lsn >>> 32).toUpperCase() + "/" + Long.toHexString(lsn & 0xFFFFFFFFL).toUpperCase();
    }
}
