package io.pgha.agent;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.pgha.config.LogSection;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One log record as one line: Python logging's {@code %(field)s} template for plain logs, or a JSON
 * object of the format's fields (renamed as configured) plus the static fields. A message's own line
 * breaks become {@code " | "}, so a line is always one event; stack traces follow on their own lines
 * in plain logs and in an {@code exc_info} field in JSON.
 */
final class LogLineFormatter extends Formatter {
    private static final Pattern PLACEHOLDER = Pattern.compile("%\\((\\w+)\\)[-#0 +]*\\d*(?:\\.\\d+)?[sdf]");
    private static final long PID = ProcessHandle.current().pid();

    private final LogSection settings;
    private final boolean stackTraces;
    private final DateTimeFormatter time;

    LogLineFormatter(LogSection settings, boolean stackTraces) {
        this.settings = settings;
        this.stackTraces = stackTraces;
        this.time = DateTimeFormatter.ofPattern(settings.dateFormat()).withZone(ZoneId.systemDefault());
    }

    @Override
    public String format(LogRecord record) {
        String line = settings.json() ? json(record) : plain(record);
        return line + System.lineSeparator();
    }

    private String plain(LogRecord record) {
        Matcher matcher = PLACEHOLDER.matcher(settings.plainFormat());
        StringBuilder line = new StringBuilder(96);
        while (matcher.find()) {
            matcher.appendReplacement(line, Matcher.quoteReplacement(field(matcher.group(1), record)));
        }
        matcher.appendTail(line);
        Throwable thrown = record.getThrown();
        if (thrown != null) {
            line.append(stackTraces ? System.lineSeparator() + trace(thrown) : " (" + summary(thrown) + ")");
        }
        return line.toString();
    }

    private String json(LogRecord record) {
        StringBuilder line = new StringBuilder(128).append('{');
        boolean first = true;
        for (String field : settings.fields()) {
            first = member(line, first, settings.renamedFields().getOrDefault(field, field), field(field, record));
        }
        for (var entry : settings.staticFields().entrySet()) {
            first = member(line, first, entry.getKey(), entry.getValue());
        }
        Throwable thrown = record.getThrown();
        if (thrown != null) {
            member(line, first, "exc_info", stackTraces ? trace(thrown) : summary(thrown));
        }
        return line.append('}').toString();
    }

    private static boolean member(StringBuilder line, boolean first, String name, String value) {
        if (!first) {
            line.append(", ");
        }
        JsonStringEncoder encoder = JsonStringEncoder.getInstance();
        line.append('"').append(encoder.quoteAsString(name)).append("\": \"").append(encoder.quoteAsString(value)).append('"');
        return false;
    }

    private String field(String name, LogRecord record) {
        return switch (name) {
            case "asctime" -> time.format(record.getInstant());
            case "levelname" -> AgentLogging.pythonLevel(record.getLevel());
            case "levelno" -> Integer.toString(AgentLogging.pythonLevelNumber(record.getLevel()));
            case "message" -> oneLine(formatMessage(record));
            case "name" -> String.valueOf(record.getLoggerName());
            case "process" -> Long.toString(PID);
            case "thread" -> Long.toString(record.getLongThreadID());
            case "threadName" -> Thread.currentThread().getName();
            case "created" -> String.format(java.util.Locale.ROOT, "%.3f", record.getInstant().toEpochMilli() / 1000.0);
            default -> "";
        };
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s*\\R\\s*", " | ");
    }

    private static String summary(Throwable thrown) {
        return thrown.getClass().getSimpleName() + ": " + oneLine(String.valueOf(thrown.getMessage()));
    }

    private static String trace(Throwable thrown) {
        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        return trace.toString().stripTrailing();
    }
}
