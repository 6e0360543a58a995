package io.pgha.postgres;

import java.util.Locale;
import java.util.regex.Pattern;

/** Replication slot names: a member's slot (ha-loop.md §16.1) and the rule for permanent ones. */
public final class SlotNames {
    private static final Pattern VALID = Pattern.compile("^[a-z0-9_]{1,63}$");

    private SlotNames() {
    }

    /**
     * The slot a member streams through: lowercase, {@code -} and {@code .} become {@code _}, any
     * other character outside {@code [a-z0-9_]} becomes {@code u} + its code point in 4 decimal
     * digits; at most 63 characters.
     */
    public static String forMember(String memberName) {
        StringBuilder slot = new StringBuilder();
        memberName.toLowerCase(Locale.ROOT).codePoints().forEach(c -> {
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_') {
                slot.appendCodePoint(c);
            } else if (c == '-' || c == '.') {
                slot.append('_');
            } else {
                slot.append('u').append(String.format("%04d", c));
            }
        });
        return slot.length() > 63 ? slot.substring(0, 63) : slot.toString();
    }

    public static boolean isValid(String slotName) {
        return slotName != null && VALID.matcher(slotName).matches();
    }
}
