package io.pgha.agent.watchdog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.agent.watchdog.WatchdogSettings.Mode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watchdog's arm / kick / disarm rules against a plain file standing in for the device (this machine
 * cannot load softdog): what the file receives is what a real /dev/watchdog would.
 */
class WatchdogTest {
    @TempDir
    Path dir;

    private Watchdog testing(Mode mode, Path device, int margin) {
        return Watchdog.of(new WatchdogSettings(mode, device, margin, WatchdogSettings.TESTING_DRIVER));
    }

    private Path device() throws Exception {
        return Files.createFile(dir.resolve("watchdog"));
    }

    @Test
    void armedWithTtlMinusSafetyMarginThenKickedThenDisarmedWithTheMagicV() throws Exception {
        Path device = device();
        Watchdog watchdog = testing(Mode.AUTOMATIC, device, 5);

        assertTrue(watchdog.activate(30, 10));
        watchdog.keepalive();
        watchdog.keepalive();
        watchdog.disable();

        assertEquals("Ctimeout=25\n11V", Files.readString(device));
        assertFalse(watchdog.isActive());
    }

    @Test
    void safetyMarginMinusOneMeansHalfTheTtl() throws Exception {
        Path device = device();
        assertTrue(testing(Mode.REQUIRED, device, -1).activate(30, 10));
        assertEquals("Ctimeout=15\n", Files.readString(device));
    }

    @Test
    void keepalivesBeforeActivationOrAfterDisableWriteNothing() throws Exception {
        Path device = device();
        Watchdog watchdog = testing(Mode.AUTOMATIC, device, 5);
        watchdog.keepalive();
        watchdog.activate(30, 10);
        watchdog.disable();
        watchdog.keepalive();
        watchdog.disable();
        assertEquals("Ctimeout=25\nV", Files.readString(device));
    }

    @Test
    void requiredWatchdogWithAMissingDeviceFailsActivationAndIsUnhealthy() {
        Watchdog watchdog = testing(Mode.REQUIRED, dir.resolve("absent"), 5);

        assertFalse(watchdog.healthy(30, 10));
        assertFalse(watchdog.activate(30, 10));
        assertTrue(watchdog.failedForLeader(30, 10));
    }

    @Test
    void automaticWatchdogWithAMissingDeviceGoesOnWithout() {
        Watchdog watchdog = testing(Mode.AUTOMATIC, dir.resolve("absent"), 5);

        assertTrue(watchdog.healthy(30, 10));
        assertTrue(watchdog.activate(30, 10));
        assertFalse(watchdog.isActive());
        assertFalse(watchdog.failedForLeader(30, 10));
    }

    @Test
    void automaticModeDoesNotRetryAMissingDeviceEveryCycleButAfterAReload() throws Exception {
        Path device = dir.resolve("late");
        Watchdog watchdog = testing(Mode.AUTOMATIC, device, 5);
        assertTrue(watchdog.activate(30, 10));
        Files.createFile(device);
        assertTrue(watchdog.activate(30, 10));
        assertFalse(watchdog.isActive(), "Patroni too gives up on the device until the configuration changes");

        watchdog.reload(new WatchdogSettings(Mode.AUTOMATIC, device, 6, WatchdogSettings.TESTING_DRIVER));
        assertTrue(watchdog.activate(30, 10));
        assertTrue(watchdog.isActive());
        assertEquals("Ctimeout=24\n", Files.readString(device));
    }

    @Test
    void requiredWatchdogWithoutSlackIsUnusableEvenWithADevice() throws Exception {
        Path device = device();
        Watchdog watchdog = testing(Mode.REQUIRED, device, 25);

        assertFalse(watchdog.healthy(30, 10), "timeout 5 s is shorter than loop_wait 10 s");
        assertFalse(watchdog.activate(30, 10));
        assertEquals("", Files.readString(device), "the device was never armed");
    }

    @Test
    void aFailedActivationIsReportedToOneDecisionOnly() throws Exception {
        Path device = device();
        Watchdog failing = Watchdog.of(new WatchdogSettings(Mode.REQUIRED, device, 5, "default"),
                s -> new LinuxWatchdogDevice(s.device(), dir.resolve("no-sysfs"), List.of()));

        assertTrue(failing.healthy(30, 10), "the device exists and is writable");
        assertFalse(failing.activate(30, 10), "its timeout cannot be read, so it is not known to be safe");
        assertTrue(failing.failedForLeader(30, 10));
        assertFalse(failing.failedForLeader(30, 10), "the next race may try again, as Patroni's does");
        assertEquals("V", Files.readString(device), "the device opened for the check was disarmed again");
    }

    @Test
    void reloadedDeviceOfAnArmedWatchdogIsSwitchedAtTheNextKeepalive() throws Exception {
        Path first = device();
        Path second = Files.createFile(dir.resolve("second"));
        Watchdog watchdog = testing(Mode.REQUIRED, first, 5);
        watchdog.activate(30, 10);

        watchdog.reload(new WatchdogSettings(Mode.REQUIRED, second, 10, WatchdogSettings.TESTING_DRIVER));
        assertEquals("Ctimeout=25\n", Files.readString(first), "nothing changes before the leader key is renewed");
        watchdog.keepalive();
        watchdog.keepalive();

        assertEquals("Ctimeout=25\n1V", Files.readString(first));
        assertEquals("Ctimeout=20\n1", Files.readString(second));
    }

    @Test
    void turningAnArmedWatchdogOffDisarmsItAtOnce() throws Exception {
        Path device = device();
        Watchdog watchdog = testing(Mode.AUTOMATIC, device, 5);
        watchdog.activate(30, 10);
        watchdog.reload(new WatchdogSettings(Mode.OFF, device, 5, WatchdogSettings.TESTING_DRIVER));
        watchdog.keepalive();
        assertEquals("Ctimeout=25\nV", Files.readString(device));
        assertFalse(watchdog.isActive());
    }

    @Test
    void offNeverTouchesTheDevice() throws Exception {
        Path device = device();
        Watchdog watchdog = testing(Mode.OFF, device, 5);
        assertTrue(watchdog.activate(30, 10));
        watchdog.keepalive();
        watchdog.disable();
        assertEquals("", Files.readString(device));
    }

    @Test
    void linuxDeviceChecksTheTimeoutSysfsReports() throws Exception {
        Path device = device();
        Path sysfs = Files.createDirectories(dir.resolve("sysfs/watchdog0"));
        Files.writeString(sysfs.resolve("timeout"), "60\n");
        Watchdog tooLong = Watchdog.of(new WatchdogSettings(Mode.REQUIRED, device, 5, "default"),
                s -> new LinuxWatchdogDevice(s.device(), dir.resolve("sysfs"), List.of()));
        assertFalse(tooLong.activate(30, 10), "a 60 s timeout would fire long after the leader key expired");

        Files.writeString(sysfs.resolve("timeout"), "25\n");
        Watchdog safe = Watchdog.of(new WatchdogSettings(Mode.REQUIRED, device, 5, "default"),
                s -> new LinuxWatchdogDevice(s.device(), dir.resolve("sysfs"), List.of()));
        assertTrue(safe.activate(30, 10));
        safe.keepalive();
        safe.disable();
        assertEquals("V1V", Files.readString(device));
    }

    @Test
    void legacyDeviceNodeIsTheFirstWatchdogInSysfs() {
        assertEquals("watchdog0", new LinuxWatchdogDevice(Path.of("/nonexistent/watchdog"), dir, List.of()).sysfsName());
        assertEquals("watchdog1", new LinuxWatchdogDevice(Path.of("/nonexistent/watchdog1"), dir, List.of()).sysfsName());
    }
}
