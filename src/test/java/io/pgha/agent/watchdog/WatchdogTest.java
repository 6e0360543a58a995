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
    void raisedTtlGivesTheArmedDeviceTheLongerTimeoutRightAfterTheNextRenewal() throws Exception {
        Path device = device();
        Watchdog watchdog = testing(Mode.REQUIRED, device, 5);
        watchdog.activate(30, 10);

        watchdog.timings(40, 10);
        assertEquals("Ctimeout=25\n", Files.readString(device), "nothing changes before the leader key is renewed");
        watchdog.keepalive();
        watchdog.keepalive();

        assertEquals("Ctimeout=25\n1Ctimeout=35\n1", Files.readString(device), "set on the open device, not re-armed");
        assertTrue(watchdog.isActive());
    }

    @Test
    void loweredTtlShortensTheTimeoutAndALoopWaitChangeAloneWritesNothing() throws Exception {
        Path device = device();
        Watchdog watchdog = testing(Mode.AUTOMATIC, device, 5);
        watchdog.activate(30, 10);

        watchdog.timings(30, 5);
        watchdog.keepalive();
        watchdog.timings(20, 5);
        watchdog.keepalive();

        assertEquals("Ctimeout=25\n1" + "1Ctimeout=15\n", Files.readString(device));
        assertFalse(watchdog.failedForLeader(20, 5));
    }

    @Test
    void timeoutShorterThanLoopWaitAfterATtlChangeDisarmsAnAutomaticWatchdogUntilTheTimingsAllowOne() throws Exception {
        Path device = device();
        Watchdog watchdog = testing(Mode.AUTOMATIC, device, -1);
        watchdog.activate(30, 10);

        watchdog.timings(24, 14);
        watchdog.keepalive();
        assertEquals("Ctimeout=15\n1Ctimeout=12\nV", Files.readString(device),
                "keep-alives every 14 s cannot beat a 12 s timeout: disarmed rather than resetting a healthy leader");
        assertFalse(watchdog.isActive());
        assertTrue(watchdog.activate(24, 14));
        assertFalse(watchdog.isActive(), "not armed again with the same timings");

        assertTrue(watchdog.activate(40, 14));
        assertTrue(watchdog.isActive());
        assertTrue(Files.readString(device).endsWith("VCtimeout=20\n"), Files.readString(device));
    }

    @Test
    void requiredWatchdogDisarmedByAnUnsafeTtlMakesTheLeaderStepDown() throws Exception {
        Path device = device();
        Watchdog watchdog = testing(Mode.REQUIRED, device, -1);
        watchdog.activate(30, 10);

        watchdog.timings(24, 14);
        watchdog.keepalive();

        assertFalse(watchdog.isActive());
        assertTrue(watchdog.failedForLeader(24, 14), "the leader must not go on without its required watchdog");
    }

    @Test
    void timeoutThatCannotBeSetIsTriedAgainAfterTheNextRenewal() throws Exception {
        Path path = device();
        FlakyRetime flaky = new FlakyRetime(new TestingWatchdogDevice(path));
        Watchdog watchdog = Watchdog.of(new WatchdogSettings(Mode.REQUIRED, path, 5, WatchdogSettings.TESTING_DRIVER),
                s -> flaky);
        watchdog.activate(30, 10);

        watchdog.timings(40, 10);
        watchdog.keepalive();
        assertEquals("Ctimeout=25\n1", Files.readString(path), "the first attempt failed");
        watchdog.keepalive();

        assertEquals("Ctimeout=25\n11Ctimeout=35\n", Files.readString(path));
    }

    @Test
    void safetyMarginReloadedWhileArmedRetimesTheSameDevice() throws Exception {
        Path device = device();
        Watchdog watchdog = testing(Mode.REQUIRED, device, 5);
        watchdog.activate(30, 10);

        watchdog.reload(new WatchdogSettings(Mode.REQUIRED, device, 8, WatchdogSettings.TESTING_DRIVER));
        watchdog.keepalive();

        assertEquals("Ctimeout=25\n1Ctimeout=22\n", Files.readString(device), "Patroni sets the timeout; no re-arming");
    }

    @Test
    void linuxDeviceGetsTheNewTimeoutFromWdctlBetweenAMagicCloseAndAReopen() throws Exception {
        Path device = Files.createFile(dir.resolve("watchdog"));
        Path sysfs = Files.createDirectories(dir.resolve("sysfs/watchdog0"));
        Files.writeString(sysfs.resolve("timeout"), "60\n");
        // stands in for wdctl --settimeout <s> <device>: the driver's timeout as sysfs shows it
        List<String> wdctl = List.of("sh", "-c", "echo \"$2\" > " + sysfs.resolve("timeout"), "wdctl");
        Watchdog watchdog = Watchdog.of(new WatchdogSettings(Mode.REQUIRED, device, 5, "default"),
                s -> new LinuxWatchdogDevice(s.device(), dir.resolve("sysfs"), wdctl));
        assertTrue(watchdog.activate(30, 10));
        assertEquals("25", Files.readString(sysfs.resolve("timeout")).trim());

        watchdog.timings(40, 10);
        watchdog.keepalive();
        watchdog.keepalive();

        assertEquals("35", Files.readString(sysfs.resolve("timeout")).trim());
        assertEquals("1V1", Files.readString(device));
        assertTrue(watchdog.isActive());
    }

    /** A device whose first change of timeout fails, as an ioctl can. */
    private static final class FlakyRetime implements WatchdogDevice {
        private final WatchdogDevice real;
        private boolean failed;

        FlakyRetime(WatchdogDevice real) {
            this.real = real;
        }

        @Override
        public void retime(int timeout) throws WatchdogException {
            if (!failed) {
                failed = true;
                throw new WatchdogException("Invalid argument");
            }
            real.retime(timeout);
        }

        @Override
        public boolean usable() {
            return real.usable();
        }

        @Override
        public void open(int timeout) throws WatchdogException {
            real.open(timeout);
        }

        @Override
        public boolean isOpen() {
            return real.isOpen();
        }

        @Override
        public java.util.OptionalInt timeout() {
            return real.timeout();
        }

        @Override
        public void keepalive() throws WatchdogException {
            real.keepalive();
        }

        @Override
        public void close() throws WatchdogException {
            real.close();
        }

        @Override
        public boolean canBeDisabled() {
            return real.canBeDisabled();
        }

        @Override
        public String describe() {
            return real.describe();
        }
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
