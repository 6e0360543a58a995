package io.pgha.agent.watchdog;

import java.util.OptionalInt;

/**
 * One watchdog device: once opened, the machine is reset unless {@link #keepalive} comes within the
 * device's timeout; {@link #close} disarms it where the driver supports the magic close.
 */
public interface WatchdogDevice {

    /** Whether opening is expected to work (Patroni's is_healthy: the device exists and is writable). */
    boolean usable();

    /** Opens (arms) the device, first applying {@code timeout} seconds where the driver can. */
    void open(int timeout) throws WatchdogException;

    boolean isOpen();

    /**
     * Gives the open device a new timeout (ttl or safety_margin changed while armed); it keeps counting,
     * restarted from now. The effective timeout is read back with {@link #timeout}.
     */
    void retime(int timeout) throws WatchdogException;

    /** The timeout in force, in seconds; empty when it cannot be read. */
    OptionalInt timeout();

    void keepalive() throws WatchdogException;

    /** Writes the magic 'V' and closes: the device stops counting (unless built with nowayout). */
    void close() throws WatchdogException;

    /** False for devices that keep running after a magic close (nowayout). */
    boolean canBeDisabled();

    String describe();
}
