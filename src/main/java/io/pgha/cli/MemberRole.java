package io.pgha.cli;

import io.pgha.dcs.Cluster;
import io.pgha.dcs.Member;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The values of {@code -r/--role} and which members each selects (patronictl.md §1.3). */
public enum MemberRole {
    LEADER("leader"),
    PRIMARY("primary"),
    MASTER("master"),
    STANDBY_LEADER("standby-leader"),
    REPLICA("replica"),
    STANDBY("standby"),
    ANY("any");

    private final String text;

    MemberRole(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    public boolean matches(Cluster cluster, Member member) {
        boolean holdsLock = cluster.isLeader(member);
        return switch (this) {
            case LEADER -> holdsLock;
            case PRIMARY, MASTER -> holdsLock && !member.isStandbyLeaderRole();
            case STANDBY_LEADER -> holdsLock && !member.isPrimaryRole();
            case REPLICA, STANDBY -> !holdsLock;
            case ANY -> true;
        };
    }

    public static MemberRole parse(String value) {
        String wanted = value.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(r -> r.text.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("'" + value + "' is not one of "
                        + Arrays.stream(values()).map(r -> "'" + r.text + "'").collect(Collectors.joining(", ")) + "."));
    }

    /** picocli converter, so a bad role is a usage error naming the choices. */
    public static final class Converter implements picocli.CommandLine.ITypeConverter<MemberRole> {
        @Override
        public MemberRole convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** What shell completion offers for {@code -r/--role}: the roles as they are typed. */
    public static final class Names implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Arrays.stream(values()).map(MemberRole::text).iterator();
        }
    }
}
