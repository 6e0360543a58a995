package io.pgha.ha;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A value of {@code synchronous_standby_names}, parsed the way Patroni parses it and rendered the way
 * Patroni writes it: {@code a}, {@code N (a,b)} (FIRST) or {@code ANY N (a,b)} (quorum), {@code *}
 * when strict mode has nobody to name. Names compare case-insensitively.
 *
 * @param type {@link Type#OFF} for an empty value
 * @param num  how many listed standbys a commit waits for
 */
public record StandbyNames(Type type, boolean hasStar, int num, Set<String> members) {

    public enum Type { OFF, PRIORITY, QUORUM }

    public static final StandbyNames EMPTY = new StandbyNames(Type.OFF, false, 0, Set.of());

    private static final Pattern PLAIN_NAME = Pattern.compile("^[A-Za-z_][A-Za-z_0-9$]*$");
    private static final Pattern TOKEN = Pattern.compile("(?<first>[fF][iI][rR][sS][tT])|(?<any>[aA][nN][yY])"
            + "|(?<space>\\s+)|(?<ident>[A-Za-z_][A-Za-z_0-9$]*)|(?<dquot>\"(?:[^\"]+|\"\")*\")|(?<star>[*])"
            + "|(?<num>\\d+)|(?<comma>,)|(?<open>\\()|(?<close>\\))|(?<junk>.)");
    private static final String[] KINDS = {"first", "any", "space", "ident", "dquot", "star", "num", "comma", "open",
        "close", "junk"};

    public StandbyNames {
        TreeSet<String> names = names();
        names.addAll(members);
        members = java.util.Collections.unmodifiableSet(names);
    }

    /** An empty case-insensitive set of member names. */
    public static TreeSet<String> names() {
        return new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    }

    public static TreeSet<String> names(Collection<String> values) {
        TreeSet<String> set = names();
        set.addAll(values);
        return set;
    }

    /** The listed standbys, or none when the value holds {@code *} (Patroni counts nobody as listed then). */
    public Set<String> listed() {
        return hasStar ? Set.of() : members;
    }

    private record Token(String kind, String text, int at) {
    }

    /** Parses a server's value; a value PostgreSQL would not accept fails with the reason. */
    public static StandbyNames parse(String value) {
        List<Token> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(value == null ? "" : value);
        while (m.find()) {
            for (String kind : KINDS) {
                if (m.group(kind) != null) {
                    if (!kind.equals("space")) {
                        tokens.add(new Token(kind, m.group(), m.start()));
                    }
                    break;
                }
            }
        }
        if (tokens.isEmpty()) {
            return EMPTY;
        }
        Type type = Type.PRIORITY;
        int num = 1;
        List<Token> list = tokens;
        boolean closed = tokens.get(tokens.size() - 1).kind().equals("close");
        if (closed && startsWith(tokens, "any", "num", "open")) {
            type = Type.QUORUM;
            num = Integer.parseInt(tokens.get(1).text());
            list = tokens.subList(3, tokens.size() - 1);
        } else if (closed && startsWith(tokens, "first", "num", "open")) {
            num = Integer.parseInt(tokens.get(1).text());
            list = tokens.subList(3, tokens.size() - 1);
        } else if (closed && startsWith(tokens, "num", "open")) {
            num = Integer.parseInt(tokens.get(0).text());
            list = tokens.subList(2, tokens.size() - 1);
        }
        boolean star = false;
        TreeSet<String> members = names();
        for (int i = 0; i < list.size(); i++) {
            Token t = list.get(i);
            if (i % 2 == 1) {
                if (i == list.size() - 1 || !t.kind().equals("comma")) {
                    throw unparsable(value, t);
                }
            } else if (t.kind().equals("ident") || t.kind().equals("first") || t.kind().equals("any")) {
                members.add(t.text());
            } else if (t.kind().equals("star")) {
                members.add("*");
                star = true;
            } else if (t.kind().equals("dquot")) {
                members.add(t.text().substring(1, t.text().length() - 1).replace("\"\"", "\""));
            } else {
                throw unparsable(value, t);
            }
        }
        return new StandbyNames(type, star, num, members);
    }

    private static boolean startsWith(List<Token> tokens, String... kinds) {
        if (tokens.size() < kinds.length) {
            return false;
        }
        for (int i = 0; i < kinds.length; i++) {
            if (!tokens.get(i).kind().equals(kinds[i])) {
                return false;
            }
        }
        return true;
    }

    private static IllegalArgumentException unparsable(String value, Token t) {
        return new IllegalArgumentException("Unparsable synchronous_standby_names value '" + value
                + "': unexpected " + t.kind() + " '" + t.text() + "' at " + t.at());
    }

    /**
     * The value Patroni writes for standbys {@code sync} of which {@code num} must confirm (null: all of
     * them); null when nobody is to be named. No standbys with {@code num ≥ 1} gives {@code *}.
     */
    public static String render(Collection<String> sync, Integer num, boolean quorum) {
        boolean star = sync.contains("*") || (num != null && num >= 1 && sync.isEmpty());
        List<String> names = new ArrayList<>();
        if (star) {
            names.add("*");
        } else {
            sync.stream().sorted().map(StandbyNames::quote).forEach(names::add);
        }
        if (names.isEmpty()) {
            return null;
        }
        String list = String.join(",", names);
        if (quorum || names.size() > 1) {
            int n = num == null ? names.size() : num;
            return (quorum ? "ANY " : "") + n + " (" + list + ")";
        }
        return list;
    }

    static String quote(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (PLAIN_NAME.matcher(name).matches() && !lower.equals("first") && !lower.equals("any")) {
            return name;
        }
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
