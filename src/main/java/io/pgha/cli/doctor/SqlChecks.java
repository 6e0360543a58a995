package io.pgha.cli.doctor;

/** What checks that need SQL say when there is none. */
final class SqlChecks {
    static final String HOW = "pgha -c patroni.yml doctor   # a file with postgresql.authentication.superuser, "
            + "or set PGPASSWORD";

    private SqlChecks() {
    }

    static String noSql(Facts facts) {
        if (facts.sqlSkipped() != null) {
            return facts.sqlSkipped();
        }
        return facts.leader().map(l -> facts.sql().containsKey(l.name()) ? "SQL on " + l.name() + " failed: "
                + facts.sql().get(l.name()).error() : "no SQL answer from " + l.name()).orElse("no leader");
    }
}
