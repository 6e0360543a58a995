package io.pgha.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgha.config.ConfigLoader;
import io.pgha.config.LogSection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentLoggingTest {

    private static LogSection log(String yaml) {
        return LogSection.from(ConfigLoader.parse("scope: s\nlog:\n" + yaml, "patroni.yml"));
    }

    private static LogRecord record(Level level, String message) {
        LogRecord record = new LogRecord(level, message);
        record.setLoggerName(HaLoop.class.getName());
        return record;
    }

    @Test
    void plainLinesLookLikePatronisAndKeepOneEventOnOneLine() {
        String line = new LogLineFormatter(LogSection.defaults(), false)
                .format(record(Level.WARNING, "first\nsecond"));
        assertTrue(line.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3} WARNING: first \\| second\\R"), line);
    }

    @Test
    void jsonLinesAreObjectsWithTheFormatsFieldsRenamedAndTheStaticFields() throws Exception {
        LogSection settings = log("  type: json\n  format: [asctime, {levelname: level}, message]\n"
                + "  static_fields: {app: pgha}\n");
        String line = new LogLineFormatter(settings, false).format(record(Level.INFO, "no action. \"quoted\""));
        assertEquals(1, line.lines().count());
        JsonNode json = new ObjectMapper().readTree(line);
        assertEquals("INFO", json.get("level").asText());
        assertEquals("no action. \"quoted\"", json.get("message").asText());
        assertEquals("pgha", json.get("app").asText());
        assertTrue(json.has("asctime"));
        assertFalse(json.has("levelname"));
    }

    @Test
    void errorsCarryTheirStackTraceOnlyWhenTheLevelReachesTracebackLevel() throws Exception {
        LogRecord failed = record(Level.SEVERE, "the agent failed");
        failed.setThrown(new IllegalStateException("boom"));
        String summary = new LogLineFormatter(LogSection.defaults(), false).format(failed);
        assertTrue(summary.endsWith("ERROR: the agent failed (IllegalStateException: boom)" + System.lineSeparator()), summary);
        String json = new LogLineFormatter(log("  type: json\n"), true).format(failed);
        assertTrue(new ObjectMapper().readTree(json).get("exc_info").asText().contains("at io.pgha.agent"), json);
    }

    @Test
    void repeatedCycleMessagesAreLeftOutWhenAsked() {
        RepeatedCycleFilter filter = new RepeatedCycleFilter(HaLoop.class.getName());
        assertTrue(filter.isLoggable(record(Level.INFO, "no action. I am (node1), the leader with the lock")));
        assertFalse(filter.isLoggable(record(Level.INFO, "no action. I am (node1), the leader with the lock")));
        assertTrue(filter.isLoggable(record(Level.WARNING, "Loop time exceeded")));
        assertTrue(filter.isLoggable(record(Level.INFO, "promoted self to leader by acquiring session lock")));
    }

    @Test
    void theLogFileRotatesUnderPatronisNamesAndKeepsFileNumBackups(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("logs/patroni.log");
        RotatingFileHandler handler = new RotatingFileHandler(file, 1024, 2, Optional.of(0640));
        handler.setFormatter(new LogLineFormatter(LogSection.defaults(), false));
        for (int i = 0; i < 60; i++) {
            handler.publish(record(Level.INFO, "event number " + i + " ".repeat(40)));
        }
        handler.close();
        assertTrue(Files.size(file) <= 1024);
        assertTrue(Files.exists(dir.resolve("logs/patroni.log.1")));
        assertTrue(Files.exists(dir.resolve("logs/patroni.log.2")));
        assertFalse(Files.exists(dir.resolve("logs/patroni.log.3")));
        List<String> last = Files.readAllLines(file);
        assertTrue(last.get(last.size() - 1).contains("event number 59"), last.toString());
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }
}
