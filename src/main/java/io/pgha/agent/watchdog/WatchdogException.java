package io.pgha.agent.watchdog;

/** A watchdog device could not be opened, written or closed; the message names the device. */
public final class WatchdogException extends Exception {
    public WatchdogException(String message) {
        super(message);
    }
}
