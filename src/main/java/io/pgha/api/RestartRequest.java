package io.pgha.api;

import io.pgha.ha.RestartFilters;
import io.pgha.ha.RestartRules;
import io.pgha.ha.ScheduledRestart;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The body of {@code POST /restart} checked as Patroni checks it (rest-api.md §6.4): fields in the order
 * sent, the first bad one decides the answer.
 *
 * @param schedule null for an immediate restart
 * @param timeout null for {@code primary_start_timeout}
 * @param published the request as the member key's {@code scheduled_restart} shows it
 */
record RestartRequest(RestartFilters filters, Duration timeout, RestartSchedule schedule, Map<String, Object> published) {
    static final String ROLE = "PostgreSQL role should be either primary, standby_leader, or replica";
    static final String TIMEOUT = "Timeout should be a positive number of seconds";
    private static final Pattern NUMBER_AND_UNIT = Pattern.compile(
            "\\s*([+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?)\\s*([A-Za-z]*)\\s*");

    /** A request Patroni refuses: the status and its message. */
    record Refusal(int status, String message) {
    }

    /** The parsed request, or the refusal when {@code refusal} is not null. */
    record Parsed(RestartRequest request, Refusal refusal) {
    }

    static Parsed parse(Map<String, Object> body, Instant now) {
        String role = null;
        String version = null;
        boolean pending = false;
        Duration timeout = null;
        RestartSchedule schedule = null;
        Map<String, Object> published = new LinkedHashMap<>();
        for (Map.Entry<String, Object> field : body.entrySet()) {
            Object value = field.getValue();
            switch (field.getKey()) {
                case "schedule" -> {
                    try {
                        schedule = RestartSchedule.parse(value, now);
                    } catch (RestartSchedule.Refused e) {
                        return refuse(e.status(), e.getMessage());
                    }
                    published.put("schedule", schedule.isoformat());
                }
                case "role" -> {
                    if (!(value instanceof String text) || !(text.equals("primary") || text.equals("standby_leader")
                            || text.equals("replica") || text.equals("master"))) {
                        return refuse(400, ROLE);
                    }
                    // Patroni 3.0.2's patronictl still sends master
                    role = text.equals("master") ? "primary" : text;
                    published.put("role", text);
                }
                case "postgres_version" -> {
                    String text = io.pgha.text.PyText.str(value);
                    try {
                        RestartRules.versionNumber(text);
                    } catch (IllegalArgumentException e) {
                        return refuse(400, e.getMessage());
                    }
                    version = text;
                    published.put("postgres_version", value);
                }
                case "timeout" -> {
                    Long seconds = seconds(value);
                    if (seconds == null || seconds <= 0) {
                        return refuse(400, TIMEOUT);
                    }
                    timeout = Duration.ofSeconds(seconds);
                    published.put("timeout", seconds);
                }
                case "restart_pending" -> {
                    pending = true;
                    published.put("restart_pending", value);
                }
                default -> {
                    return refuse(400, "Unknown filter for the scheduled restart: " + field.getKey());
                }
            }
        }
        return new Parsed(new RestartRequest(new RestartFilters(role, version, pending), timeout, schedule, published),
                null);
    }

    /** The restart to store; the agent adds the postmaster's start time. */
    ScheduledRestart toScheduled() {
        return new ScheduledRestart(schedule.at(), filters, timeout, null, published);
    }

    /**
     * Patroni's {@code parse_int(value, 's')}: a number, or text with an optional time unit (ms, s, min, h,
     * d), rounded half to even; null when it is neither.
     */
    static Long seconds(Object value) {
        if (value instanceof Boolean || value == null) {
            return null;
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            return Double.isFinite(d) ? (long) Math.rint(d) : null;
        }
        Matcher m = NUMBER_AND_UNIT.matcher(String.valueOf(value));
        if (!m.matches()) {
            return null;
        }
        double number;
        try {
            number = Double.parseDouble(m.group(1));
        } catch (NumberFormatException e) {
            return null;
        }
        double factor = switch (m.group(2)) {
            case "" , "s" -> 1;
            case "ms" -> 0.001;
            case "us" -> 0.000001;
            case "min" -> 60;
            case "h" -> 3600;
            case "d" -> 86400;
            default -> Double.NaN;
        };
        double result = number * factor;
        return Double.isFinite(result) ? (long) Math.rint(result) : null;
    }

    /** The text Python's {@code str()} gives a JSON value (Patroni splits it at the dots). */
    private static Parsed refuse(int status, String message) {
        return new Parsed(null, new Refusal(status, message));
    }
}
