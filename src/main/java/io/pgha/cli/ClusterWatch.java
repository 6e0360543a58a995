package io.pgha.cli;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;

/** patronictl's -W / -w SECONDS / -t: print, then reprint every interval until interrupted. */
final class ClusterWatch {
    private ClusterWatch() {
    }

    /** Built on first use: java.time's formatting costs a command that prints no time a few milliseconds. */
    private static final class Stamp {
        static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    }

    static void run(CliContext context, boolean everyTwoSeconds, Double watchSeconds, boolean timestamp,
                    Consumer<CliContext> printOnce) {
        Double interval = everyTwoSeconds ? Double.valueOf(2) : watchSeconds;
        if (interval != null && !(interval > 0)) {
            throw new CliException("--watch wants a positive number of seconds, got " + interval, ExitCode.USAGE);
        }
        boolean terminal = System.console() != null;
        while (true) {
            if (interval != null && terminal) {
                context.out().print("\033[2J\033[1;1H");
            }
            if (timestamp) {
                context.out().println(LocalDateTime.now().format(Stamp.FORMAT));
            }
            printOnce.accept(context);
            context.out().flush();
            if (interval == null) {
                return;
            }
            try {
                Thread.sleep((long) (interval * 1000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
