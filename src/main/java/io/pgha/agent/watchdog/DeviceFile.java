package io.pgha.agent.watchdog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The write end of a watchdog device file. A regular file (a test double) is appended to so a reader
 * sees every byte written; a FIFO blocks on open until someone reads it, as Patroni's harness expects.
 */
final class DeviceFile {
    private final Path path;
    private FileChannel channel;

    DeviceFile(Path path) {
        this.path = path;
    }

    boolean usable() {
        return Files.exists(path) && Files.isWritable(path);
    }

    boolean isOpen() {
        return channel != null;
    }

    void open() throws WatchdogException {
        try {
            channel = Files.isRegularFile(path)
                    ? FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND)
                    : FileChannel.open(path, StandardOpenOption.WRITE);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            throw new WatchdogException("cannot open the watchdog device " + path + ": " + e);
        }
    }

    void write(byte[] bytes) throws WatchdogException {
        if (channel == null) {
            throw new WatchdogException("the watchdog device " + path + " is not open");
        }
        try {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (IOException e) {
            throw new WatchdogException("cannot write to the watchdog device " + path + ": " + e);
        }
    }

    /** The Linux watchdog protocol: any byte is a keep-alive. */
    void kick() throws WatchdogException {
        write(new byte[] {'1'});
    }

    /** The magic character before closing tells the driver the stop is deliberate (no reset). */
    void closeDeliberately() throws WatchdogException {
        if (isOpen()) {
            write(new byte[] {'V'});
            close();
        }
    }

    void close() throws WatchdogException {
        FileChannel open = channel;
        channel = null;
        if (open == null) {
            return;
        }
        try {
            open.close();
        } catch (IOException e) {
            throw new WatchdogException("cannot close the watchdog device " + path + ": " + e);
        }
    }

    Path path() {
        return path;
    }
}
