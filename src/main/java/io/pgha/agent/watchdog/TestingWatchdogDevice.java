package io.pgha.agent.watchdog;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * {@code watchdog.driver: testing}, as Patroni's test harness: instead of the timeout ioctl it writes
 * {@code Ctimeout=<seconds>\n} into the device file, then {@code 1} per keep-alive and {@code V} on a
 * clean close, so a test reading a FIFO or a plain file sees everything the agent did.
 */
final class TestingWatchdogDevice extends FileWatchdogDevice {
    private static final int INITIAL_TIMEOUT = 60;

    private int timeout = INITIAL_TIMEOUT;

    TestingWatchdogDevice(Path path) {
        super(path);
    }

    @Override
    public void open(int wanted) throws WatchdogException {
        file.open();
        retime(wanted);
    }

    @Override
    public void retime(int wanted) throws WatchdogException {
        file.write(("Ctimeout=" + wanted + "\n").getBytes(StandardCharsets.UTF_8));
        timeout = wanted;
    }

    @Override
    public OptionalInt timeout() {
        return OptionalInt.of(timeout);
    }

    @Override
    public boolean canBeDisabled() {
        return true;
    }

    @Override
    public String describe() {
        return "watchdog test harness " + file.path();
    }
}
