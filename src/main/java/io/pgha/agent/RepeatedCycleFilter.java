package io.pgha.agent;

import java.util.Objects;
import java.util.logging.Filter;
import java.util.logging.LogRecord;

/**
 * log.deduplicate_heartbeat_logs: a cycle's decision that repeats the previous cycle's word for word
 * ("no action. I am (node1), the leader with the lock") is left out; any other record passes.
 */
final class RepeatedCycleFilter implements Filter {
    private final String cycleLogger;
    private String previous;

    RepeatedCycleFilter(String cycleLogger) {
        this.cycleLogger = cycleLogger;
    }

    @Override
    public synchronized boolean isLoggable(LogRecord record) {
        if (!cycleLogger.equals(record.getLoggerName()) || record.getLevel().intValue() != java.util.logging.Level.INFO.intValue()) {
            return true;
        }
        String message = record.getMessage();
        boolean repeated = Objects.equals(message, previous);
        previous = message;
        return !repeated;
    }
}
