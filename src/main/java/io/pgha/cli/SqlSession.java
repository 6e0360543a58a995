package io.pgha.cli;

import io.pgha.dcs.Json;
import io.pgha.dcs.Member;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * One {@code query} run over JDBC, answering with the values psycopg would hand patronictl (so that
 * {@code str()} of them prints the same): integers, booleans, None, parsed JSON, lists for arrays,
 * and Python's datetime text for timestamps with a time zone.
 */
final class SqlSession {
    private SqlSession() {
    }

    /** Who connects; the password is never printed. */
    record Login(String user, String password, String database) {
        @Override
        public String toString() {
            return "Login[user=" + user + ", database=" + database + "]";
        }
    }

    /** Column names and rows, or an error text for patronictl's {@code ERROR, SQLSTATE: ...} row. */
    record Result(List<String> columns, List<List<Object>> rows, String error) {
        static Result error(String message) {
            return new Result(null, List.of(), message);
        }

        boolean failed() {
            return error != null;
        }
    }

    /** Empty when the member is not in the state the role asks for (a replica asked for the primary). */
    static Optional<Result> run(Member.HostPort address, Login login, MemberRole role, String sql) {
        Properties properties = new Properties();
        properties.setProperty("user", login.user());
        if (login.password() != null) {
            properties.setProperty("password", login.password());
        }
        properties.setProperty("ApplicationName", "Patroni ctl");
        properties.setProperty("connectTimeout", "5");
        String host = address.host().contains(":") ? "[" + address.host() + "]" : address.host();
        String url = "jdbc:postgresql://" + host + ":" + address.port() + "/" + login.database();
        Connection connection;
        try {
            connection = new org.postgresql.Driver().connect(url, properties);
        } catch (SQLException e) {
            return Optional.of(Result.error("ERROR, SQLSTATE: connection to server at \"" + address.host()
                    + "\", port " + address.port() + " failed: " + oneLine(e.getMessage())));
        }
        try (connection; Statement statement = connection.createStatement()) {
            if (role != MemberRole.LEADER && role != MemberRole.ANY && !inWantedState(statement, role)) {
                return Optional.empty();
            }
            return Optional.of(lastResult(statement, sql));
        } catch (SQLException e) {
            String state = e.getSQLState();
            return Optional.of(Result.error("ERROR, SQLSTATE: " + (state != null ? state : oneLine(e.getMessage()))));
        }
    }

    private static boolean inWantedState(Statement statement, MemberRole role) throws SQLException {
        try (ResultSet rs = statement.executeQuery("SELECT pg_catalog.pg_is_in_recovery()")) {
            rs.next();
            boolean inRecovery = rs.getBoolean(1);
            return switch (role) {
                case REPLICA, STANDBY, STANDBY_LEADER -> inRecovery;
                case PRIMARY, MASTER -> !inRecovery;
                default -> true;
            };
        }
    }

    /** As libpq's PQexec: several statements run, the last one's result counts; it must return rows. */
    private static Result lastResult(Statement statement, String sql) throws SQLException {
        boolean isResultSet = statement.execute(sql);
        Result last = null;
        while (true) {
            if (isResultSet) {
                try (ResultSet rs = statement.getResultSet()) {
                    last = read(rs);
                }
            } else if (statement.getUpdateCount() == -1) {
                break;
            } else {
                last = null;
            }
            isResultSet = statement.getMoreResults();
        }
        return last != null ? last : Result.error("ERROR, SQLSTATE: no results to fetch");
    }

    private static Result read(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        List<String> columns = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            columns.add(meta.getColumnLabel(i));
        }
        List<List<Object>> rows = new ArrayList<>();
        while (rs.next()) {
            List<Object> row = new ArrayList<>();
            for (int i = 1; i <= columns.size(); i++) {
                row.add(value(rs, i, meta.getColumnTypeName(i)));
            }
            rows.add(row);
        }
        return new Result(columns, rows, null);
    }

    private static Object value(ResultSet rs, int column, String type) throws SQLException {
        String text = rs.getString(column);
        if (text == null) {
            return null;
        }
        return switch (type) {
            case "int2", "int4", "int8", "oid", "xid" -> Long.valueOf(text);
            case "bool" -> "t".equals(text);
            case "float4", "float8" -> Double.valueOf(text);
            case "json", "jsonb" -> Json.parse(text).orElse(text);
            case "timestamptz", "timetz" -> pythonOffset(text);
            default -> type.startsWith("_") ? array(rs.getArray(column)) : text;
        };
    }

    private static Object array(Array array) throws SQLException {
        Object values = array.getArray();
        return values instanceof Object[] items ? list(items) : values.toString();
    }

    private static List<Object> list(Object[] items) {
        List<Object> list = new ArrayList<>();
        for (Object item : items) {
            if (item instanceof Object[] nested) {
                list.add(list(nested));
            } else if (item instanceof Integer || item instanceof Short) {
                list.add(((Number) item).longValue());
            } else if (item instanceof java.math.BigDecimal decimal) {
                list.add(decimal.toString());
            } else {
                list.add(item);
            }
        }
        return list;
    }

    /** PostgreSQL prints {@code +00} or {@code +05:30}; Python's datetime prints {@code +00:00}. */
    static String pythonOffset(String text) {
        if (text.matches(".*[+-]\\d\\d$")) {
            return text + ":00";
        }
        return text;
    }

    private static String oneLine(String message) {
        return message == null ? "" : String.join(" ", Arrays.asList(message.split("\n")));
    }
}
