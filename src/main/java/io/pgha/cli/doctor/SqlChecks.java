package io.pgha.cli.doctor;

/** What checks that need SQL say when there is none. */
final class SqlChecks {
    static final String HOW = "pgha -c patroni.yml doctor   # a file with postgresql.authentication.superuser, "
            + "or set PGPASSWORD";

    private SqlChecks() {
    }

    /** Without credentials the SQL checks are skipped (ok); with them, a failed query means doctor could not look. */
    static Finding notChecked(String check, Facts facts, String why) {
        return new Finding(check, facts.sqlSkipped() != null ? Severity.OK : Severity.UNKNOWN,
                "not checked: " + noSql(facts), why, HOW);
    }

    static String noSql(Facts facts) {
        if (facts.sqlSkipped() != null) {
            return facts.sqlSkipped();
        }
        return facts.leader().map(l -> facts.sql().containsKey(l.name()) ? "SQL on " + l.name() + " failed: "
                + facts.sql().get(l.name()).error() : "no SQL answer from " + l.name()).orElse("no leader");
    }
}
