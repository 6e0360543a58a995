package io.pgha.agent.watchdog;

import java.util.OptionalInt;
import java.util.function.Function;

/**
 * The agent's watchdog (ha-loop.md §18): armed while this node is the leader running a primary, kicked
 * only after a successful renewal of the leader key, disarmed with the magic close when it steps down.
 * If the agent hangs or loses etcd while PostgreSQL keeps accepting writes, the device resets the machine
 * before the leader key expires and another node promotes. Thread-safe.
 */
public final class Watchdog {
    private static final System.Logger LOG = System.getLogger(Watchdog.class.getName());

    private final Function<WatchdogSettings, WatchdogDevice> devices;
    private WatchdogSettings settings;
    private WatchdogDevice device;
    /** Settings reloaded while armed, applied with the next keep-alive (when the leader key was renewed). */
    private WatchdogSettings pending;
    /** ttl and loop_wait in force: the last activation's, or the dynamic configuration's since. */
    private Timing timing = new Timing(0, 0);
    /** The timeout the open device was given; a different wanted one is applied with the next keep-alive. */
    private int armedTimeout;
    /** A failed activation in required mode, not yet reported to the decision (one cycle). */
    private boolean activationFailed;
    /**
     * Automatic mode found no usable device with these timings: not tried again (nor logged every cycle)
     * until a reload or other timings; null while it may be tried.
     */
    private Timing unavailableWith;

    private record Timing(int ttl, int loopWait) {
    }

    private Watchdog(WatchdogSettings settings, Function<WatchdogSettings, WatchdogDevice> devices) {
        this.devices = devices;
        this.settings = settings;
        this.device = devices.apply(settings);
    }

    public static Watchdog of(WatchdogSettings settings) {
        return of(settings, s -> s.driver().equals(WatchdogSettings.TESTING_DRIVER)
                ? new TestingWatchdogDevice(s.device()) : new LinuxWatchdogDevice(s.device()));
    }

    static Watchdog of(WatchdogSettings settings, Function<WatchdogSettings, WatchdogDevice> devices) {
        return new Watchdog(settings, devices);
    }

    /**
     * A reloaded {@code watchdog} section. Turning it off and changes while disarmed apply at once;
     * other changes of an armed watchdog wait for the next keep-alive, as in Patroni, so the new timeout
     * starts with a freshly renewed leader key.
     */
    public synchronized void reload(WatchdogSettings fresh) {
        if (fresh.equals(settings)) {
            pending = null;
            return;
        }
        if (device.isOpen() && fresh.mode() != WatchdogSettings.Mode.OFF) {
            pending = fresh;
            return;
        }
        disable();
        replace(fresh);
    }

    private void replace(WatchdogSettings fresh) {
        adopt(fresh);
        device = devices.apply(fresh);
        unavailableWith = null;
    }

    private void adopt(WatchdogSettings fresh) {
        settings = fresh;
        pending = null;
        LOG.log(System.Logger.Level.INFO, "watchdog settings changed: mode " + fresh.mode().name().toLowerCase(java.util.Locale.ROOT)
                + ", device " + fresh.device() + ", safety_margin " + fresh.safetyMargin());
    }

    /**
     * ttl and loop_wait of the dynamic configuration in force, told every cycle. An armed device gets the
     * new timeout with the next keep-alive, as Patroni's does (its watchdog configuration includes both),
     * so that the new timeout starts with a leader key just renewed with the new ttl.
     */
    public synchronized void timings(int ttl, int loopWait) {
        timing = new Timing(ttl, loopWait);
    }

    public synchronized WatchdogSettings settings() {
        return settings;
    }

    /** Whether this platform can drive the device at all (Patroni's default driver is Linux only). */
    public boolean supported() {
        return settings.driver().equals(WatchdogSettings.TESTING_DRIVER)
                || System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux");
    }

    /**
     * Patroni's is_healthy: false only in required mode when the timings leave no slack or the device
     * cannot be opened. Such a node publishes {@code watchdog_failed} and stays out of leader races.
     */
    public synchronized boolean healthy(int ttl, int loopWait) {
        if (settings.mode() != WatchdogSettings.Mode.REQUIRED) {
            return true;
        }
        return device.isOpen() || settings.slack(ttl, loopWait) >= 0 && device.usable();
    }

    /**
     * What the decision needs this cycle: the watchdog is required and cannot protect a leader, either
     * because it is unhealthy or because the last activation failed (reported once).
     */
    public synchronized boolean failedForLeader(int ttl, int loopWait) {
        boolean failed = activationFailed;
        activationFailed = false;
        return failed || !healthy(ttl, loopWait);
    }

    public synchronized boolean isActive() {
        return device.isOpen();
    }

    /**
     * Arms the device with {@code ttl − safety_margin} before a promotion and while leading. False only
     * in required mode when no safe watchdog could be armed; automatic mode logs and goes on without.
     */
    public synchronized boolean activate(int ttl, int loopWait) {
        timing = new Timing(ttl, loopWait);
        if (settings.mode() == WatchdogSettings.Mode.OFF || device.isOpen() || timing.equals(unavailableWith)) {
            return true;
        }
        unavailableWith = null;
        boolean required = settings.mode() == WatchdogSettings.Mode.REQUIRED;
        int wanted = settings.timeout(ttl);
        int slack = settings.slack(ttl, loopWait);
        String problem = null;
        if (slack < 0) {
            problem = "the watchdog timeout " + wanted + " s (ttl " + ttl + " − safety_margin " + settings.safetyMargin()
                    + ") is shorter than loop_wait " + loopWait + " s; raise ttl or lower safety_margin";
        } else {
            try {
                device.open(wanted);
                armedTimeout = wanted;
                problem = unsafeTimeout(wanted, loopWait);
            } catch (WatchdogException e) {
                problem = e.getMessage();
            }
        }
        if (problem == null) {
            LOG.log(System.Logger.Level.INFO, device.describe() + " activated with " + wanted
                    + " second timeout, timing slack " + slack + " seconds");
            if (!device.canBeDisabled()) {
                LOG.log(System.Logger.Level.WARNING, device.describe() + " cannot be disabled (nowayout): the machine"
                        + " resets after this agent loses the leader key");
            }
            return true;
        }
        if (!required) {
            LOG.log(System.Logger.Level.WARNING, "running without a watchdog: " + problem);
            if (device.isOpen() && device.timeout().orElse(Integer.MAX_VALUE) < loopWait) {
                closeQuietly();
            }
            unavailableWith = device.isOpen() ? null : timing;
            return true;
        }
        LOG.log(System.Logger.Level.ERROR, "watchdog mode is required but no safe watchdog could be activated: " + problem);
        closeQuietly();
        activationFailed = true;
        return false;
    }

    /** Null when the open device's timeout is safe; else why not. */
    private String unsafeTimeout(int wanted, int loopWait) {
        OptionalInt actual = device.timeout();
        if (actual.isEmpty()) {
            return "cannot read the timeout of " + device.describe() + " (set it to " + wanted
                    + " s outside pgha, e.g. with wdctl, and make /sys/class/watchdog readable)";
        }
        if (actual.getAsInt() < loopWait) {
            return "loop_wait of " + loopWait + " seconds is too long for the " + actual.getAsInt()
                    + " second timeout of " + device.describe();
        }
        if (actual.getAsInt() > wanted) {
            return "the timeout of " + device.describe() + " is " + actual.getAsInt() + " s, more than the safe "
                    + wanted + " s (ttl − safety_margin)";
        }
        return null;
    }

    /**
     * One keep-alive; only after this node renewed its leader key. A failure is logged, not fatal. Then
     * what changed while armed: another device or driver is armed afresh, a new timeout (ttl or
     * safety_margin changed) is given to the open device.
     */
    public synchronized void keepalive() {
        if (!device.isOpen()) {
            return;
        }
        try {
            device.keepalive();
        } catch (WatchdogException e) {
            LOG.log(System.Logger.Level.ERROR, "watchdog keep-alive failed: " + e.getMessage());
        }
        if (pending != null && (!pending.device().equals(settings.device()) || !pending.driver().equals(settings.driver()))) {
            WatchdogSettings fresh = pending;
            disable();
            replace(fresh);
            activate(timing.ttl(), timing.loopWait());
            return;
        }
        if (pending != null) {
            adopt(pending);
        }
        int wanted = settings.timeout(timing.ttl());
        if (device.isOpen() && wanted != armedTimeout) {
            retime(wanted);
        }
    }

    /**
     * Patroni sets the new timeout on the open device. Where the result is shorter than loop_wait it
     * also applies the check of its activation: a device that can be disarmed is, as the keep-alives
     * could not come in time (then a required watchdog makes the leader step down, an automatic one is
     * left off until the timings change). A failure to set it is tried again with the next keep-alive.
     */
    private void retime(int wanted) {
        try {
            device.retime(wanted);
        } catch (WatchdogException e) {
            LOG.log(System.Logger.Level.ERROR, "cannot change the timeout of " + device.describe() + " to " + wanted
                    + " s, trying again after the next renewal: " + e.getMessage());
            return;
        }
        armedTimeout = wanted;
        String problem = unsafeTimeout(wanted, timing.loopWait());
        if (problem == null) {
            LOG.log(System.Logger.Level.INFO, device.describe() + " updated with " + wanted + " second timeout, timing slack "
                    + settings.slack(timing.ttl(), timing.loopWait()) + " seconds");
            return;
        }
        LOG.log(System.Logger.Level.WARNING, problem);
        if (device.timeout().orElse(Integer.MAX_VALUE) < timing.loopWait() && device.canBeDisabled()) {
            LOG.log(System.Logger.Level.WARNING, "disabling " + device.describe() + " because of the unsafe timeout");
            closeQuietly();
        }
    }

    /** Disarms the device (magic close) when this node stops being a leader running a primary. */
    public synchronized void disable() {
        if (!device.isOpen()) {
            return;
        }
        boolean disarmable = device.canBeDisabled();
        try {
            if (!disarmable) {
                device.keepalive();
            }
            device.close();
        } catch (WatchdogException e) {
            LOG.log(System.Logger.Level.ERROR, "cannot disable the watchdog: " + e.getMessage());
            return;
        }
        if (disarmable) {
            LOG.log(System.Logger.Level.INFO, device.describe() + " disabled");
        } else {
            LOG.log(System.Logger.Level.WARNING, device.describe() + " cannot be disabled: the machine resets when "
                    + "its timeout of " + device.timeout().orElse(-1) + " s passes");
        }
    }

    private void closeQuietly() {
        try {
            device.close();
        } catch (WatchdogException e) {
            LOG.log(System.Logger.Level.WARNING, e.getMessage());
        }
    }
}
