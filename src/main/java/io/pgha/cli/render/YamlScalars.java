package io.pgha.cli.render;

import java.util.regex.Pattern;

/**
 * PyYAML's view of one scalar: whether a plain string would be read back as something else (YAML 1.1
 * implicit types), and which styles its characters allow. These two facts decide when
 * {@code yaml.safe_dump} quotes a string.
 */
final class YamlScalars {
    private static final Pattern BOOL = Pattern.compile(
            "yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF");
    private static final Pattern FLOAT = Pattern.compile(
            "[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?"
                    + "|\\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
                    + "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*"
                    + "|[-+]?\\.(?:inf|Inf|INF)"
                    + "|\\.(?:nan|NaN|NAN)");
    private static final Pattern INT = Pattern.compile(
            "[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+"
                    + "|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+");
    private static final Pattern NULL = Pattern.compile("~|null|Null|NULL|");
    private static final Pattern TIMESTAMP = Pattern.compile(
            "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"
                    + "|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \\t]+)[0-9][0-9]?"
                    + ":[0-9][0-9]:[0-9][0-9](?:\\.[0-9]*)?(?:[ \\t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?");

    private YamlScalars() {
    }

    /**
     * True when the plain text would be read back as a string. Like PyYAML, the candidate types are
     * chosen by the first character; Python's {@code $} also matches before one final newline.
     */
    static boolean plainReadsAsString(String value) {
        if (value.isEmpty()) {
            return false;
        }
        String v = value.endsWith("\n") ? value.substring(0, value.length() - 1) : value;
        char first = value.charAt(0);
        if ("yYnNtTfFoO".indexOf(first) >= 0 && BOOL.matcher(v).matches()) {
            return false;
        }
        if ("-+0123456789.".indexOf(first) >= 0 && FLOAT.matcher(v).matches()) {
            return false;
        }
        if ("-+0123456789".indexOf(first) >= 0 && INT.matcher(v).matches()) {
            return false;
        }
        if (first == '<' && v.equals("<<")) {
            return false;
        }
        if ("~nN".indexOf(first) >= 0 && NULL.matcher(v).matches()) {
            return false;
        }
        if ("0123456789".indexOf(first) >= 0 && TIMESTAMP.matcher(v).matches()) {
            return false;
        }
        if (first == '=' && v.equals("=")) {
            return false;
        }
        return !("!&*".indexOf(first) >= 0 && v.length() == 1);
    }

    /** Which output styles the characters of a scalar allow (PyYAML's scalar analysis). */
    record Analysis(boolean empty, boolean multiline, boolean allowFlowPlain, boolean allowBlockPlain,
                    boolean allowSingleQuoted) {
    }

    static boolean isBreak(int ch) {
        return ch == '\n' || ch == 0x85 || ch == 0x2028 || ch == 0x2029;
    }

    private static boolean isBlankOrEnd(int ch) {
        return ch == 0 || ch == ' ' || ch == '\t' || ch == '\r' || isBreak(ch);
    }

    static Analysis analyze(int[] s) {
        if (s.length == 0) {
            return new Analysis(true, false, false, true, true);
        }
        boolean blockIndicators = false;
        boolean flowIndicators = false;
        boolean lineBreaks = false;
        boolean special = false;
        boolean leadingSpace = false;
        boolean leadingBreak = false;
        boolean trailingSpace = false;
        boolean trailingBreak = false;
        boolean breakSpace = false;
        boolean spaceBreak = false;

        String text = new String(s, 0, s.length);
        if (text.startsWith("---") || text.startsWith("...")) {
            blockIndicators = true;
            flowIndicators = true;
        }
        boolean precededByWhitespace = true;
        boolean followedByWhitespace = s.length == 1 || isBlankOrEnd(s[1]);
        boolean previousSpace = false;
        boolean previousBreak = false;

        for (int i = 0; i < s.length; i++) {
            int ch = s[i];
            if (i == 0) {
                if ("#,[]{}&*!|>'\"%@`".indexOf(ch) >= 0) {
                    flowIndicators = true;
                    blockIndicators = true;
                }
                if (ch == '?' || ch == ':') {
                    flowIndicators = true;
                    if (followedByWhitespace) {
                        blockIndicators = true;
                    }
                }
                if (ch == '-' && followedByWhitespace) {
                    flowIndicators = true;
                    blockIndicators = true;
                }
            } else {
                if (",?[]{}".indexOf(ch) >= 0) {
                    flowIndicators = true;
                }
                if (ch == ':') {
                    flowIndicators = true;
                    if (followedByWhitespace) {
                        blockIndicators = true;
                    }
                }
                if (ch == '#' && precededByWhitespace) {
                    flowIndicators = true;
                    blockIndicators = true;
                }
            }
            if (isBreak(ch)) {
                lineBreaks = true;
            }
            if (!(ch == '\n' || (ch >= 0x20 && ch <= 0x7e))) {
                boolean printableUnicode = (ch == 0x85 || (ch >= 0xa0 && ch <= 0xd7ff)
                        || (ch >= 0xe000 && ch <= 0xfffd) || (ch >= 0x10000 && ch < 0x10ffff)) && ch != 0xfeff;
                if (!printableUnicode) {
                    special = true;
                }
            }
            if (ch == ' ') {
                leadingSpace |= i == 0;
                trailingSpace |= i == s.length - 1;
                breakSpace |= previousBreak;
                previousSpace = true;
                previousBreak = false;
            } else if (isBreak(ch)) {
                leadingBreak |= i == 0;
                trailingBreak |= i == s.length - 1;
                spaceBreak |= previousSpace;
                previousSpace = false;
                previousBreak = true;
            } else {
                previousSpace = false;
                previousBreak = false;
            }
            precededByWhitespace = isBlankOrEnd(ch);
            followedByWhitespace = i + 2 >= s.length || isBlankOrEnd(s[i + 2]);
        }

        boolean flowPlain = true;
        boolean blockPlain = true;
        boolean singleQuoted = true;
        if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) {
            flowPlain = blockPlain = false;
        }
        if (breakSpace) {
            flowPlain = blockPlain = singleQuoted = false;
        }
        if (spaceBreak || special) {
            flowPlain = blockPlain = singleQuoted = false;
        }
        if (lineBreaks) {
            flowPlain = blockPlain = false;
        }
        if (flowIndicators) {
            flowPlain = false;
        }
        if (blockIndicators) {
            blockPlain = false;
        }
        return new Analysis(false, lineBreaks, flowPlain, blockPlain, singleQuoted);
    }
}
