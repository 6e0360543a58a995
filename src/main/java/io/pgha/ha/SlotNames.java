package io.pgha.ha;

import java.util.Locale;

/** Replication slot names derived from member names, as Patroni derives them (ha-loop.md §16.1). */
public final class SlotNames {
    private static final int MAX_LENGTH = 63;

    private SlotNames() {
    }

    /**
     * Lower-cased; {@code -} and {@code .} become {@code _}; any other character outside
     * {@code [a-z0-9_]} becomes {@code u} and its code point as 4-digit decimal; cut to 63 characters.
     */
    public static String forMember(String memberName) {
        String lower = memberName.toLowerCase(Locale.ROOT);
        StringBuilder slot = new StringBuilder();
        lower.codePoints().forEach(c -> {
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_') {
                slot.appendCodePoint(c);
            } else if (c == '-' || c == '.') {
                slot.append('_');
            } else {
                slot.append('u').append(String.format(Locale.ROOT, "%04d", c));
            }
        });
        return slot.length() > MAX_LENGTH ? slot.substring(0, MAX_LENGTH) : slot.toString();
    }
}
