package io.pgha.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogSectionTest {

    private static LogSection parse(String log) {
        return LogSection.from(ConfigLoader.parse("scope: s\nname: n\nlog:\n" + log, "patroni.yml"));
    }

    @Test
    void withoutALogSectionTheAgentLogsPatronisPlainLinesAtInfo() {
        LogSection log = LogSection.from(ConfigLoader.parse("scope: s\n", "patroni.yml"));
        assertFalse(log.json());
        assertEquals("INFO", log.level());
        assertEquals(List.of("asctime", "levelname", "message"), log.fields());
        assertTrue(log.dir().isEmpty());
    }

    @Test
    void jsonWithStaticFieldsRenamedFieldsAFileAndPerLoggerLevels() {
        LogSection log = parse("""
                  type: json
                  level: debug
                  format: [asctime, {levelname: level}, message]
                  static_fields: {app: pgha, dc: east}
                  dir: /var/log/pgha
                  file_num: 2
                  file_size: 4096
                  mode: 0640
                  loggers: {io.pgha.api: WARNING}
                  deduplicate_heartbeat_logs: true
                """);
        assertTrue(log.json());
        assertEquals("DEBUG", log.level());
        assertEquals(List.of("asctime", "levelname", "message"), log.fields());
        assertEquals(Map.of("levelname", "level"), log.renamedFields());
        assertEquals(Map.of("app", "pgha", "dc", "east"), log.staticFields());
        assertEquals(Path.of("/var/log/pgha"), log.dir().orElseThrow());
        assertEquals(2, log.fileNum());
        assertEquals(4096, log.fileSize());
        assertEquals(0640, log.mode().orElseThrow());
        assertEquals(Map.of("io.pgha.api", "WARNING"), log.loggers());
        assertTrue(log.deduplicateHeartbeats());
    }

    @Test
    void badValuesAreOneLineErrorsNamingFileLineAndKey() {
        ConfigException type = assertThrows(ConfigException.class, () -> parse("  type: xml\n"));
        assertEquals("config error: patroni.yml:4:3: log.type: expected plain or json, got \"xml\"", type.getMessage());
        ConfigException level = assertThrows(ConfigException.class, () -> parse("  level: LOUD\n"));
        assertTrue(level.getMessage().contains("log.level: expected one of [DEBUG, INFO"), level.getMessage());
        ConfigException field = assertThrows(ConfigException.class, () -> parse("  format: '%(asctime)s %(pid)s'\n"));
        assertTrue(field.getMessage().contains("log.format: unknown field \"pid\""), field.getMessage());
        ConfigException date = assertThrows(ConfigException.class, () -> parse("  dateformat: '%Y %Q'\n"));
        assertTrue(date.getMessage().contains("log.dateformat: unsupported directive %Q"), date.getMessage());
        ConfigException mode = assertThrows(ConfigException.class, () -> parse("  mode: 1000\n"));
        assertTrue(mode.getMessage().contains("log.mode"), mode.getMessage());
    }

    @Test
    void pythonDateFormatsBecomeJavaPatterns() {
        assertEquals("yyyy'-'MM'-'dd'T'HH':'mm':'ss", parse("  dateformat: '%Y-%m-%dT%H:%M:%S'\n").dateFormat());
        assertEquals("dd'/'MMM'/'yyyy' 100%'", parse("  dateformat: '%d/%b/%Y 100%%'\n").dateFormat());
    }
}
