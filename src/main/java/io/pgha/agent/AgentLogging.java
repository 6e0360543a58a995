package io.pgha.agent;

import io.pgha.config.LogSection;
import java.util.Map;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The agent's log as the {@code log} section asks (config.md §3.2): by default one line per event on
 * stderr, {@code 2026-11-25 12:00:00,123 INFO: message}, as Patroni prints it (journald keeps it as is);
 * JSON objects, one per line, with {@code log.type: json}; a rotated {@code patroni.log} in
 * {@code log.dir}. jetcd, gRPC, Netty and Vert.x only get through with errors of their own, so a
 * flapping etcd connection cannot flood the log with stack traces.
 */
public final class AgentLogging {
    private static final String[] NOISY = {"io.grpc", "io.netty", "io.vertx", "io.etcd"};
    private static volatile boolean installed;

    private AgentLogging() {
    }

    /** The default log on stderr; {@code debug} lowers the level to DEBUG. */
    public static void install(boolean debug) {
        install(LogSection.defaults(), debug);
    }

    /** Replaces the root handlers with the configured one; {@code debug} (PGHA_DEBUG) lowers the level to DEBUG. */
    public static synchronized void install(LogSection settings, boolean debug) {
        // jetcd logs through SLF4J; without a provider SLF4J would print a warning at start-up
        System.setProperty("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider");
        System.setProperty("slf4j.internal.verbosity", "ERROR");
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        Level level = debug ? Level.FINE : julLevel(settings.level());
        Handler handler = settings.dir().isPresent()
                ? new RotatingFileHandler(settings.dir().get().resolve("patroni.log"), settings.fileSize(),
                        settings.fileNum(), settings.mode())
                : new ConsoleHandler();
        boolean stackTraces = level.intValue() <= julLevel(settings.tracebackLevel()).intValue();
        handler.setFormatter(new LogLineFormatter(settings, stackTraces));
        handler.setLevel(Level.ALL);
        if (settings.deduplicateHeartbeats()) {
            handler.setFilter(new RepeatedCycleFilter(HaLoop.class.getName()));
        }
        root.addHandler(handler);
        root.setLevel(level);
        Logger.getLogger("io.pgha").setLevel(level);
        for (String name : NOISY) {
            Logger.getLogger(name).setLevel(Level.SEVERE);
        }
        for (Map.Entry<String, String> logger : settings.loggers().entrySet()) {
            Logger.getLogger(logger.getKey()).setLevel(julLevel(logger.getValue()));
        }
        installed = true;
    }

    static boolean installed() {
        return installed;
    }

    /** Python's level names as java.util.logging levels. */
    static Level julLevel(String pythonLevel) {
        return switch (pythonLevel) {
            case "DEBUG" -> Level.FINE;
            case "WARN", "WARNING" -> Level.WARNING;
            case "ERROR", "FATAL", "CRITICAL" -> Level.SEVERE;
            default -> Level.INFO;
        };
    }

    /** java.util.logging levels by Python's names, as lines show them. */
    static String pythonLevel(Level level) {
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

    static int pythonLevelNumber(Level level) {
        return switch (pythonLevel(level)) {
            case "ERROR" -> 40;
            case "WARNING" -> 30;
            case "INFO" -> 20;
            default -> 10;
        };
    }
}
