package io.pgha.agent.watchdog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * A Linux watchdog device ({@code /dev/watchdog}). Java cannot issue the WDIOC ioctls, so the timeout is
 * set by util-linux {@code wdctl --settimeout} before the device is opened (wdctl closes it with the
 * magic character again) and read back from {@code /sys/class/watchdog/<name>/timeout}; without wdctl
 * the timeout must be configured outside pgha (module parameter, systemd) and is only checked.
 */
final class LinuxWatchdogDevice extends FileWatchdogDevice {
    private static final System.Logger LOG = System.getLogger(LinuxWatchdogDevice.class.getName());
    private static final Path SYSFS = Path.of("/sys/class/watchdog");
    private static final long WDCTL_TIMEOUT_SECONDS = 10;

    private final Path sysfs;
    private final List<String> wdctl;

    LinuxWatchdogDevice(Path path) {
        this(path, SYSFS, List.of("wdctl"));
    }

    /** @param wdctl the wdctl command to run; empty: never try to set the timeout */
    LinuxWatchdogDevice(Path path, Path sysfs, List<String> wdctl) {
        super(path);
        this.sysfs = sysfs;
        this.wdctl = wdctl;
    }

    @Override
    public void open(int wanted) throws WatchdogException {
        OptionalInt current = timeout();
        if (current.isEmpty() || current.getAsInt() != wanted) {
            setTimeout(wanted);
        }
        file.open();
    }

    /**
     * wdctl cannot open a device this process holds open (the driver allows one opener), so the device
     * is closed with the magic character, given the new timeout and opened again: it pauses for the
     * length of a wdctl run (a device without magic close keeps counting throughout).
     */
    @Override
    public void retime(int wanted) throws WatchdogException {
        file.closeDeliberately();
        open(wanted);
    }

    private void setTimeout(int wanted) {
        if (wdctl.isEmpty()) {
            return;
        }
        List<String> command = new java.util.ArrayList<>(wdctl);
        command.add("--settimeout");
        command.add(Integer.toString(wanted));
        command.add(file.path().toString());
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            boolean done = process.waitFor(WDCTL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            String output = new String(process.getInputStream().readNBytes(4096), StandardCharsets.UTF_8).trim();
            if (!done) {
                process.destroyForcibly();
                LOG.log(System.Logger.Level.WARNING, String.join(" ", command) + " did not finish; the timeout of "
                        + file.path() + " stays as it is");
            } else if (process.exitValue() != 0) {
                LOG.log(System.Logger.Level.WARNING, String.join(" ", command) + " failed (exit " + process.exitValue()
                        + "): " + output);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot run wdctl to set the timeout of " + file.path()
                    + " (configure it outside pgha): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public OptionalInt timeout() {
        return sysfsValue("timeout").map(text -> {
            try {
                return OptionalInt.of(Integer.parseInt(text));
            } catch (NumberFormatException e) {
                return OptionalInt.empty();
            }
        }).orElse(OptionalInt.empty());
    }

    @Override
    public boolean canBeDisabled() {
        return !sysfsValue("nowayout").map("1"::equals).orElse(false);
    }

    @Override
    public String describe() {
        return "watchdog device " + file.path();
    }

    /** {@code /dev/watchdog} is the first watchdog's legacy node; {@code /dev/watchdogN} is watchdogN. */
    String sysfsName() {
        Path real = file.path();
        try {
            real = file.path().toRealPath();
        } catch (IOException e) {
            // a device that does not exist has no sysfs entry either; the name is still the best guess
        }
        String name = real.getFileName() == null ? "" : real.getFileName().toString();
        return name.equals("watchdog") ? "watchdog0" : name;
    }

    private Optional<String> sysfsValue(String attribute) {
        Path path = sysfs.resolve(sysfsName()).resolve(attribute);
        try {
            return Optional.of(Files.readString(path, StandardCharsets.UTF_8).trim());
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }
}
