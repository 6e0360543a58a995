package io.pgha.agent;

import io.pgha.ha.Role;
import io.pgha.postgres.ShellWords;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The user's {@code postgresql.callbacks} (ha-loop.md §17): {@code <command> <action> <role> <scope>},
 * the command split like {@code shlex.split}, started in the background and never awaited. As in Patroni
 * one callback runs at a time: a new one kills the one still running (and its children); {@code on_reload}
 * has a slot of its own. A callback that fails or cannot be started is logged, nothing else.
 */
final class Callbacks implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Callbacks.class.getName());

    /** The callback names, which are also the first argument a callback gets. */
    enum Event {
        ON_START, ON_STOP, ON_RESTART, ON_RELOAD, ON_ROLE_CHANGE;

        String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final String scope;
    private final Supplier<Map<String, String>> commands;
    private final Function<String, String> redact;
    private final ExecutorService launcher = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "pgha-callbacks");
        thread.setDaemon(true);
        return thread;
    });
    private final Slot main = new Slot();
    private final Slot reload = new Slot();
    /** Patroni's cb_called: a start, stop, restart or role change was announced since the agent started. */
    private volatile boolean called;
    /** What a start that is under way announces when PostgreSQL is up; null: nothing (a role change follows). */
    private Event pending;
    private boolean pendingSet;
    private Event deferred;

    /**
     * @param commands the configured commands by callback name ({@code on_start}…), read at each call
     * @param redact   masks the configured passwords in what is logged
     */
    Callbacks(String scope, Supplier<Map<String, String>> commands, Function<String, String> redact) {
        this.scope = scope;
        this.commands = commands;
        this.redact = redact;
    }

    /**
     * The commands in force: {@code postgresql.callbacks} of the local file when set there, else of
     * {@code /config} (a local postgresql key replaces the dynamic one, as in Patroni's merge).
     */
    static Map<String, String> configured(io.pgha.config.PatroniConfig local, Map<String, Object> dynamic) {
        io.pgha.config.Section section = local.section("postgresql", "callbacks");
        Map<String, ?> source = section.isPresent() ? section.values() : dynamicCallbacks(dynamic);
        Map<String, String> commands = new java.util.LinkedHashMap<>();
        for (Event event : Event.values()) {
            Object command = source.get(event.key());
            if (command != null && !(command instanceof Map<?, ?>) && !(command instanceof List<?>)) {
                commands.put(event.key(), String.valueOf(command));
            }
        }
        return commands;
    }

    private static Map<String, ?> dynamicCallbacks(Map<String, Object> dynamic) {
        if (dynamic != null && dynamic.get("postgresql") instanceof Map<?, ?> postgresql
                && postgresql.get("callbacks") instanceof Map<?, ?> callbacks) {
            @SuppressWarnings("unchecked")
            Map<String, ?> typed = (Map<String, ?>) callbacks;
            return typed;
        }
        return Map.of();
    }

    boolean called() {
        return called;
    }

    /** Runs the callback for {@code event} in the background, with {@code role} as Patroni names it. */
    void fire(Event event, Role role) {
        if (event != Event.ON_RELOAD) {
            called = true;
        }
        if (event == Event.ON_STOP || event == Event.ON_ROLE_CHANGE) {
            synchronized (this) {
                deferred = null;
            }
        }
        String configured;
        try {
            configured = commands.get().get(event.key());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "cannot read the " + event.key() + " callback: " + e.getMessage());
            return;
        }
        if (configured == null || configured.isBlank()) {
            return;
        }
        List<String> command;
        try {
            command = new ArrayList<>(ShellWords.split(configured));
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.ERROR, "callback " + event.key() + " not run: " + redact.apply(e.getMessage()));
            return;
        }
        command.add(event.key());
        command.add(callbackRole(role));
        command.add(scope);
        Slot slot = event == Event.ON_RELOAD ? reload : main;
        try {
            launcher.execute(() -> slot.run(command));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.log(System.Logger.Level.WARNING, "callback " + event.key() + " not run: the agent is stopping");
        }
    }

    /** A promote in progress is announced as primary, as Patroni 4 does (3.x said master). */
    static String callbackRole(Role role) {
        return role == Role.PROMOTED ? Role.PRIMARY.patroniName() : role.patroniName();
    }

    /**
     * Before PostgreSQL is started: what to announce once it is up ({@code on_start} unless something
     * asked for {@code on_restart}); null when a role change is announced instead.
     */
    synchronized void expect(Event event) {
        pending = event;
        pendingSet = true;
    }

    /** The pending announcement of {@link #expect}, or {@code on_start} when none was set. */
    synchronized Event takeExpected() {
        Event event = pendingSet ? pending : Event.ON_START;
        pending = null;
        pendingSet = false;
        deferred = null;
        return event;
    }

    /**
     * A start returned before PostgreSQL accepted connections: announce {@code event} when a later look
     * finds it running (Patroni announces from its startup check, whenever that sees the server up).
     */
    synchronized void deferUntilRunning(Event event) {
        deferred = event;
    }

    /** PostgreSQL was seen running: announce a deferred start, if any. */
    void running(Role role) {
        Event event;
        synchronized (this) {
            event = deferred;
            deferred = null;
        }
        if (event != null) {
            fire(event, role);
        }
    }

    /** Stops launching; a callback still running is left to finish (Patroni does not wait for it either). */
    @Override
    public void close() {
        launcher.shutdown();
    }

    private String describe(List<String> command) {
        return redact.apply(String.join(" ", command));
    }

    /** One running callback at most. */
    private final class Slot {
        private Process process;
        private String description;
        private final java.util.Set<Process> killed = java.util.concurrent.ConcurrentHashMap.newKeySet();

        synchronized void run(List<String> command) {
            if (process != null && process.isAlive()) {
                List<ProcessHandle> children = process.descendants().toList();
                killed.add(process);
                process.destroyForcibly();
                children.forEach(ProcessHandle::destroyForcibly);
                LOG.log(System.Logger.Level.WARNING, "Killed " + description + " because it was still running");
            }
            String text = describe(command);
            try {
                Process started = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                        .redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT)
                        .start();
                process = started;
                description = text;
                LOG.log(System.Logger.Level.INFO, "called callback " + text);
                started.onExit().thenAccept(done -> {
                    if (!killed.remove(done) && done.exitValue() != 0) {
                        LOG.log(System.Logger.Level.WARNING, "callback " + text + " exited with " + done.exitValue());
                    }
                });
            } catch (IOException | RuntimeException e) {
                process = null;
                LOG.log(System.Logger.Level.ERROR, "callback " + text + " failed: " + redact.apply(String.valueOf(e.getMessage())));
            }
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
