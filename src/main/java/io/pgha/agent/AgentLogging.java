package io.pgha.agent;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The agent's log: one line per event on stderr, {@code 2026-11-25 12:00:00,123 INFO: message}, as
 * Patroni's default format prints it. jetcd, gRPC, Netty and Vert.x only get through with warnings of
 * their own, so a flapping etcd connection cannot flood the log with stack traces.
 */
public final class AgentLogging {
    private static final String[] NOISY = {"io.grpc", "io.netty", "io.vertx", "io.etcd"};
    private static volatile boolean installed;

    private AgentLogging() {
    }

    /** Replaces the root handlers with the one-line stderr handler; {@code debug} also shows stack traces. */
    public static synchronized void install(boolean debug) {
        // jetcd logs through SLF4J; without a provider SLF4J would print a warning at start-up
        System.setProperty("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider");
        System.setProperty("slf4j.internal.verbosity", "ERROR");
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        Handler handler = new ConsoleHandler();
        handler.setFormatter(new OneLine(debug));
        handler.setLevel(Level.ALL);
        root.addHandler(handler);
        root.setLevel(Level.INFO);
        Logger.getLogger("io.pgha").setLevel(debug ? Level.FINE : Level.INFO);
        for (String name : NOISY) {
            Logger.getLogger(name).setLevel(Level.SEVERE);
        }
        installed = true;
    }

    static boolean installed() {
        return installed;
    }

    /** {@code yyyy-MM-dd HH:mm:ss,SSS LEVEL: message}; throwables as one line unless debugging. */
    static final class OneLine extends Formatter {
        private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");
        private final boolean stackTraces;

        OneLine(boolean stackTraces) {
            this.stackTraces = stackTraces;
        }

        @Override
        public String format(LogRecord record) {
            StringBuilder line = new StringBuilder(96);
            line.append(TIME.format(LocalDateTime.ofInstant(record.getInstant(), ZoneId.systemDefault())))
                    .append(' ').append(level(record.getLevel())).append(": ")
                    .append(formatMessage(record).replaceAll("\\s*\\R\\s*", " | "));
            Throwable thrown = record.getThrown();
            if (thrown != null) {
                if (stackTraces) {
                    StringWriter trace = new StringWriter();
                    thrown.printStackTrace(new PrintWriter(trace));
                    line.append(System.lineSeparator()).append(trace.toString().stripTrailing());
                } else {
                    line.append(" (").append(thrown.getClass().getSimpleName()).append(": ")
                            .append(String.valueOf(thrown.getMessage()).replaceAll("\\s*\\R\\s*", " | ")).append(')');
                }
            }
            return line.append(System.lineSeparator()).toString();
        }

        private static String level(Level level) {
            if (level.intValue() >= Level.SEVERE.intValue()) {
                return "ERROR";
            }
            if (level.intValue() >= Level.WARNING.intValue()) {
                return "WARNING";
            }
            if (level.intValue() >= Level.INFO.intValue()) {
                return "INFO";
            }
            return "DEBUG";
        }
    }
}
