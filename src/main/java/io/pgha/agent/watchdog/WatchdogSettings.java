package io.pgha.agent.watchdog;

import io.pgha.config.Section;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The local {@code watchdog} section (config.md §3.8, ha-loop.md §18): mode, device, safety margin and
 * driver ({@code default}, or {@code testing}, Patroni's test harness that writes the timeout into the
 * device file instead of an ioctl).
 */
public record WatchdogSettings(Mode mode, Path device, int safetyMargin, String driver) {
    public static final Path DEFAULT_DEVICE = Path.of("/dev/watchdog");
    public static final int DEFAULT_SAFETY_MARGIN = 5;
    public static final String DEFAULT_DRIVER = "default";
    public static final String TESTING_DRIVER = "testing";

    /** What to do about a watchdog device. */
    public enum Mode {
        OFF, AUTOMATIC, REQUIRED;

        /**
         * Patroni's parse_mode: {@code require(d)}, {@code auto(matic)}, {@code off}/{@code disable(d)}
         * or YAML false; anything else turns the watchdog off (Patroni warns and disables it too).
         */
        static Mode parse(Object value) {
            if (value == null) {
                return AUTOMATIC;
            }
            if (Boolean.FALSE.equals(value)) {
                return OFF;
            }
            return switch (String.valueOf(value).toLowerCase(Locale.ROOT)) {
                case "require", "required" -> REQUIRED;
                case "auto", "automatic" -> AUTOMATIC;
                default -> OFF;
            };
        }
    }

    public static WatchdogSettings defaults() {
        return new WatchdogSettings(Mode.AUTOMATIC, DEFAULT_DEVICE, DEFAULT_SAFETY_MARGIN, DEFAULT_DRIVER);
    }

    public static WatchdogSettings from(Section section) {
        Mode mode = Mode.parse(section.raw("mode"));
        Path device = section.file("device").orElse(DEFAULT_DEVICE);
        int margin = section.integer("safety_margin").orElse(DEFAULT_SAFETY_MARGIN);
        if (margin < -1) {
            throw section.error("safety_margin", "must be -1 (timeout ttl/2) or at least 0, got " + margin);
        }
        String driver = section.string("driver").orElse(DEFAULT_DRIVER);
        if (!driver.equals(DEFAULT_DRIVER) && !driver.equals(TESTING_DRIVER)) {
            throw section.error("driver", "must be default or testing, got " + driver);
        }
        return new WatchdogSettings(mode, device, margin, driver);
    }

    /** The unrecognised mode text Patroni warns about, or null when the mode was understood. */
    static String unrecognisedMode(Object value) {
        if (value == null || Boolean.FALSE.equals(value)) {
            return null;
        }
        String text = String.valueOf(value).toLowerCase(Locale.ROOT);
        return switch (text) {
            case "require", "required", "auto", "automatic", "off", "disable", "disabled" -> null;
            default -> String.valueOf(value);
        };
    }

    /** The device timeout to ask for: {@code ttl − safety_margin}, or {@code ttl / 2} when the margin is −1. */
    public int timeout(int ttl) {
        return safetyMargin == -1 ? ttl / 2 : ttl - safetyMargin;
    }

    /** How late a cycle may be before the device fires; negative makes a watchdog unusable. */
    public int slack(int ttl, int loopWait) {
        return timeout(ttl) - loopWait;
    }
}
