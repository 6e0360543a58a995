package io.pgha.cli.doctor;

import io.pgha.dcs.Cluster;
import io.pgha.dcs.Member;
import java.util.Map;
import java.util.Optional;

/**
 * Everything doctor gathered in one pass, for the checks to judge: the DCS snapshot (null with
 * {@code dcsError} when it could not be read), etcd's health, each member's REST answer and, when
 * credentials allowed, its SQL facts ({@code sqlSkipped} says why there are none).
 */
public record Facts(String clusterName, Cluster cluster, String dcsError, EtcdFacts etcd,
                    Map<String, MemberApi> api, Map<String, SqlFacts> sql, String sqlSkipped, Thresholds thresholds) {

    public Facts {
        api = Map.copyOf(api);
        sql = Map.copyOf(sql);
    }

    public Optional<MemberApi> api(String member) {
        return Optional.ofNullable(api.get(member));
    }

    /** SQL facts that were read (not failed). */
    public Optional<SqlFacts> sql(String member) {
        return Optional.ofNullable(sql.get(member)).filter(SqlFacts::answered);
    }

    public Optional<Member> leader() {
        return cluster == null ? Optional.empty() : cluster.leaderMember();
    }

    public boolean isLeader(Member member) {
        return cluster != null && cluster.isLeader(member);
    }

    /** The freshest WAL position known for a member: SQL, then its REST answer, then its member key. */
    public Optional<Long> walPosition(Member member) {
        Optional<Long> fromSql = sql(member.name()).map(SqlFacts::walPosition);
        if (fromSql.isPresent()) {
            return fromSql;
        }
        Optional<Long> fromApi = api(member.name()).filter(MemberApi::reachable).flatMap(MemberApi::walPosition);
        return fromApi.isPresent() ? fromApi : member.lsn();
    }

    /** Where the primary is: the leader's own position when known, else the last one it published in /status. */
    public Optional<Long> primaryPosition() {
        Optional<Long> live = leader().flatMap(l -> sql(l.name()).map(SqlFacts::walPosition)
                .or(() -> api(l.name()).filter(MemberApi::reachable).flatMap(MemberApi::walPosition)));
        if (live.isPresent()) {
            return live;
        }
        if (cluster != null && cluster.clusterLsn() > 0) {
            return Optional.of(cluster.clusterLsn());
        }
        return leader().flatMap(Member::lsn);
    }

    /** How many bytes a member is behind the primary, when both positions are known. */
    public Optional<Long> lag(Member member) {
        Optional<Long> primary = primaryPosition();
        Optional<Long> own = walPosition(member);
        if (primary.isEmpty() || own.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Math.max(0, primary.get() - own.get()));
    }

    /** maximum_lag_on_failover from /config (Patroni's default 1 MiB). */
    public long maximumLagOnFailover() {
        return cluster == null ? 1048576 : cluster.config().number("maximum_lag_on_failover", 1048576);
    }

    /** Whether a member runs by its freshest account: its REST answer, else its member key. */
    public boolean isRunning(Member member) {
        MemberApi answer = api.get(member.name());
        if (answer != null && answer.reachable()) {
            return answer.state().filter("running"::equals).isPresent();
        }
        return answer == null && member.isRunning();
    }

    /** The command prefix for this cluster, e.g. {@code pgha list demo}. */
    public String command(String verb) {
        return "pgha " + verb + " " + clusterName;
    }
}
