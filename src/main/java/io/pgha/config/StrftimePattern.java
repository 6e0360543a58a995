package io.pgha.config;

/** Python's strftime directives (log.dateformat) as a java.time pattern; an unknown directive is a config error. */
final class StrftimePattern {
    private StrftimePattern() {
    }

    static String toJava(String strftime, Section where) {
        StringBuilder pattern = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < strftime.length(); i++) {
            char c = strftime.charAt(i);
            if (c != '%' || i + 1 == strftime.length()) {
                literal.append(c);
                continue;
            }
            char directive = strftime.charAt(++i);
            String java = switch (directive) {
                case 'Y' -> "yyyy";
                case 'y' -> "yy";
                case 'm' -> "MM";
                case 'd' -> "dd";
                case 'H' -> "HH";
                case 'I' -> "hh";
                case 'M' -> "mm";
                case 'S' -> "ss";
                case 'f' -> "SSSSSS";
                case 'p' -> "a";
                case 'b' -> "MMM";
                case 'B' -> "MMMM";
                case 'a' -> "EEE";
                case 'A' -> "EEEE";
                case 'j' -> "DDD";
                case 'z' -> "xx";
                case 'Z' -> "z";
                case '%' -> null;
                default -> throw where.error("dateformat", "unsupported directive %" + directive
                        + "; supported: %Y %y %m %d %H %I %M %S %f %p %b %B %a %A %j %z %Z %%");
            };
            if (java == null) {
                literal.append('%');
            } else {
                flush(literal, pattern);
                pattern.append(java);
            }
        }
        flush(literal, pattern);
        return pattern.toString();
    }

    private static void flush(StringBuilder literal, StringBuilder pattern) {
        if (literal.length() > 0) {
            pattern.append('\'').append(literal.toString().replace("'", "''")).append('\'');
            literal.setLength(0);
        }
    }
}
