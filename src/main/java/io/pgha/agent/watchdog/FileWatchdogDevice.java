package io.pgha.agent.watchdog;

import java.nio.file.Path;

/** A watchdog driven through its device file: opening arms it, each write kicks it, {@code V} disarms it. */
abstract class FileWatchdogDevice implements WatchdogDevice {
    protected final DeviceFile file;

    FileWatchdogDevice(Path path) {
        this.file = new DeviceFile(path);
    }

    @Override
    public boolean usable() {
        return file.usable();
    }

    @Override
    public boolean isOpen() {
        return file.isOpen();
    }

    @Override
    public void keepalive() throws WatchdogException {
        file.kick();
    }

    @Override
    public void close() throws WatchdogException {
        file.closeDeliberately();
    }
}
