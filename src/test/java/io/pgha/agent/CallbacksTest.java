package io.pgha.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.config.ConfigLoader;
import io.pgha.ha.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Callbacks run as Patroni runs them: in the background, one at a time, with action, role and scope. */
class CallbacksTest {
    @TempDir
    Path dir;

    private final Map<String, String> commands = new ConcurrentHashMap<>();

    private Callbacks callbacks() {
        Supplier<Map<String, String>> supplier = () -> commands;
        return new Callbacks("batman", supplier, text -> text.replace("s3cret", "********"));
    }

    private Path recorder() throws Exception {
        Path script = dir.resolve("record.sh");
        Files.writeString(script, "#!/bin/sh\necho \"$*\" >> " + dir.resolve("calls") + "\n");
        script.toFile().setExecutable(true);
        return script;
    }

    private List<String> calls(int expected) throws Exception {
        Path file = dir.resolve("calls");
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                List<String> lines = Files.readAllLines(file);
                if (lines.size() >= expected) {
                    return lines;
                }
            }
            Thread.sleep(50);
        }
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    @Test
    void callbackGetsActionRoleAndScopeAfterItsOwnArguments() throws Exception {
        commands.put("on_role_change", recorder() + " --flag 'two words'");
        try (Callbacks callbacks = callbacks()) {
            callbacks.fire(Callbacks.Event.ON_ROLE_CHANGE, Role.PROMOTED);
            assertEquals(List.of("--flag two words on_role_change primary batman"), calls(1));
            assertTrue(callbacks.called());
        }
    }

    @Test
    void aNewCallbackKillsTheOneStillRunning() throws Exception {
        Path marker = dir.resolve("slow-finished");
        Path slow = dir.resolve("slow.sh");
        Files.writeString(slow, "#!/bin/sh\nsleep 3\ntouch " + marker + "\n");
        slow.toFile().setExecutable(true);
        commands.put("on_start", slow.toString());
        commands.put("on_stop", recorder().toString());
        try (Callbacks callbacks = callbacks()) {
            callbacks.fire(Callbacks.Event.ON_START, Role.REPLICA);
            Thread.sleep(500);
            long before = System.nanoTime();
            callbacks.fire(Callbacks.Event.ON_STOP, Role.REPLICA);
            assertTrue((System.nanoTime() - before) < 1_000_000_000L, "firing never waits for a callback");
            assertEquals(List.of("on_stop replica batman"), calls(1));
            Thread.sleep(4000);
            assertFalse(Files.exists(marker), "the sleeping on_start callback and its child were killed");
        }
    }

    @Test
    void missingOrFailingCallbacksAreOnlyLogged() throws Exception {
        commands.put("on_start", dir.resolve("does-not-exist").toString());
        commands.put("on_stop", "/bin/false");
        commands.put("on_reload", recorder().toString());
        try (Callbacks callbacks = callbacks()) {
            callbacks.fire(Callbacks.Event.ON_START, Role.PRIMARY);
            callbacks.fire(Callbacks.Event.ON_STOP, Role.PRIMARY);
            callbacks.fire(Callbacks.Event.ON_RELOAD, Role.PRIMARY);
            assertEquals(List.of("on_reload primary batman"), calls(1));
        }
    }

    @Test
    void unconfiguredCallbacksStillCountAsAnnounced() {
        try (Callbacks callbacks = callbacks()) {
            callbacks.fire(Callbacks.Event.ON_RELOAD, Role.PRIMARY);
            assertFalse(callbacks.called(), "a reload announces nothing");
            callbacks.fire(Callbacks.Event.ON_START, Role.PRIMARY);
            assertTrue(callbacks.called());
        }
    }

    @Test
    void aStartAnnouncesOnStartUnlessARestartWasExpected() {
        try (Callbacks callbacks = callbacks()) {
            assertEquals(Callbacks.Event.ON_START, callbacks.takeExpected());
            callbacks.expect(Callbacks.Event.ON_RESTART);
            assertEquals(Callbacks.Event.ON_RESTART, callbacks.takeExpected());
            assertEquals(Callbacks.Event.ON_START, callbacks.takeExpected(), "an expectation is used once");
        }
    }

    @Test
    void aStartStillUnderWayIsAnnouncedWhenTheServerIsSeenRunningOnce() throws Exception {
        commands.put("on_restart", recorder().toString());
        try (Callbacks callbacks = callbacks()) {
            callbacks.deferUntilRunning(Callbacks.Event.ON_RESTART);
            callbacks.running(Role.REPLICA);
            callbacks.running(Role.REPLICA);
            assertEquals(List.of("on_restart replica batman"), calls(1));
            Thread.sleep(300);
            assertEquals(1, calls(1).size());
        }
    }

    @Test
    void aStopForgetsTheStartThatNeverFinished() throws Exception {
        commands.put("on_start", recorder().toString());
        try (Callbacks callbacks = callbacks()) {
            callbacks.deferUntilRunning(Callbacks.Event.ON_START);
            callbacks.fire(Callbacks.Event.ON_STOP, Role.REPLICA);
            callbacks.running(Role.REPLICA);
            Thread.sleep(500);
            assertFalse(Files.exists(dir.resolve("calls")));
        }
    }

    @Test
    void localCallbacksReplaceTheDynamicOnes() {
        var local = ConfigLoader.parse("postgresql:\n  callbacks:\n    on_start: /bin/local\n", "patroni.yml");
        Map<String, Object> dynamic = Map.of("postgresql", Map.of("callbacks", Map.of("on_stop", "/bin/dynamic")));
        assertEquals(Map.of("on_start", "/bin/local"), Callbacks.configured(local, dynamic));
        var none = ConfigLoader.parse("name: a\n", "patroni.yml");
        assertEquals(Map.of("on_stop", "/bin/dynamic"), Callbacks.configured(none, dynamic));
    }
}
