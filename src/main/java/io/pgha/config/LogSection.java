package io.pgha.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code log} section (config.md §3.2): plain lines or JSON objects, the level, where stack traces
 * show, the fields of a line, and optionally a rotated file instead of stderr.
 *
 * @param fields     the record fields a line shows, in order, from {@code format} ({@code %(asctime)s} …)
 * @param plainFormat the plain line's template with {@code %(name)s} placeholders
 * @param dateFormat a {@link java.time.format.DateTimeFormatter} pattern, from Python's strftime form
 */
public record LogSection(boolean json, String level, String tracebackLevel, String plainFormat, List<String> fields,
                         Map<String, String> renamedFields, String dateFormat, Map<String, String> staticFields,
                         Optional<Path> dir, int fileNum, long fileSize, Optional<Integer> mode,
                         Map<String, String> loggers, boolean deduplicateHeartbeats) {

    public static final String DEFAULT_FORMAT = "%(asctime)s %(levelname)s: %(message)s";
    public static final String DEFAULT_DATE_FORMAT = "yyyy-MM-dd HH:mm:ss,SSS";
    /** The record fields a format may name. */
    public static final List<String> KNOWN_FIELDS = List.of("asctime", "levelname", "levelno", "message", "name",
            "process", "thread", "threadName", "created");
    private static final List<String> LEVELS = List.of("DEBUG", "INFO", "WARN", "WARNING", "ERROR", "FATAL",
            "CRITICAL");

    public static LogSection defaults() {
        return new LogSection(false, "INFO", "ERROR", DEFAULT_FORMAT, fieldsOf(DEFAULT_FORMAT), Map.of(),
                DEFAULT_DATE_FORMAT, Map.of(), Optional.empty(), 4, 25_000_000L, Optional.empty(), Map.of(), false);
    }

    public static LogSection from(PatroniConfig config) {
        Section log = config.section("log");
        if (!log.isPresent()) {
            return defaults();
        }
        String type = log.string("type").orElse("plain").toLowerCase(Locale.ROOT);
        if (!type.equals("plain") && !type.equals("json")) {
            throw log.error("type", "expected plain or json, got " + Section.quote(type));
        }
        String level = level(log, "level", "INFO");
        String traceback = level(log, "traceback_level", "ERROR");
        String plainFormat = DEFAULT_FORMAT;
        List<String> fields;
        Map<String, String> renamed = new LinkedHashMap<>();
        Object format = log.raw("format");
        if (format == null || "".equals(format)) {
            fields = fieldsOf(DEFAULT_FORMAT);
        } else if (format instanceof String text) {
            plainFormat = text;
            fields = fieldsOf(text);
            if (fields.isEmpty()) {
                throw log.error("format", "names no field; use %(message)s and others of " + KNOWN_FIELDS);
            }
        } else if (format instanceof List<?> list && type.equals("json")) {
            fields = new ArrayList<>();
            for (Object item : list) {
                if (item instanceof Map<?, ?> map) {
                    map.forEach((k, v) -> {
                        fields.add(String.valueOf(k));
                        renamed.put(String.valueOf(k), String.valueOf(v));
                    });
                } else {
                    fields.add(String.valueOf(item));
                }
            }
        } else {
            throw log.error("format", "expected a string" + (type.equals("json") ? " or a list of field names" : ""));
        }
        for (String field : fields) {
            if (!KNOWN_FIELDS.contains(field)) {
                throw log.error("format", "unknown field " + Section.quote(field) + "; known: " + KNOWN_FIELDS);
            }
        }
        String dateFormat = log.string("dateformat").map(f -> StrftimePattern.toJava(f, log)).orElse(DEFAULT_DATE_FORMAT);
        Map<String, String> staticFields = new LinkedHashMap<>();
        Section statics = log.section("static_fields");
        statics.values().forEach((k, v) -> staticFields.put(k, String.valueOf(v)));
        Optional<Path> dir = log.file("dir");
        int fileNum = log.integer("file_num").orElse(4);
        if (fileNum < 0) {
            throw log.error("file_num", "must not be negative, got " + fileNum);
        }
        long fileSize = log.integer("file_size").orElse(25_000_000);
        if (fileSize < 1024) {
            throw log.error("file_size", "must be at least 1024 bytes, got " + fileSize);
        }
        Optional<Integer> mode = log.integer("mode");
        if (mode.isPresent() && (mode.get() < 0 || mode.get() > 0777)) {
            throw log.error("mode", "expected file permissions between 0 and 0777, got " + mode.get());
        }
        Map<String, String> loggers = new LinkedHashMap<>();
        Section named = log.section("loggers");
        for (String logger : named.values().keySet()) {
            loggers.put(logger, level(named, logger, "INFO"));
        }
        boolean dedup = log.bool("deduplicate_heartbeat_logs").orElse(false);
        return new LogSection(type.equals("json"), level, traceback, plainFormat, List.copyOf(fields), Map.copyOf(renamed),
                dateFormat, Map.copyOf(staticFields), dir, fileNum, fileSize, mode, Map.copyOf(loggers), dedup);
    }

    private static String level(Section section, String key, String fallback) {
        String value = section.string(key).orElse(fallback).toUpperCase(Locale.ROOT);
        if (!LEVELS.contains(value)) {
            throw section.error(key, "expected one of " + LEVELS + ", got " + Section.quote(value));
        }
        return value;
    }

    /** The {@code %(name)s}-style placeholders of a Python logging format, in order. */
    static List<String> fieldsOf(String format) {
        List<String> fields = new ArrayList<>();
        int at = format.indexOf("%(");
        while (at >= 0) {
            int end = format.indexOf(')', at);
            if (end < 0) {
                break;
            }
            fields.add(format.substring(at + 2, end));
            at = format.indexOf("%(", end);
        }
        return fields;
    }
}
