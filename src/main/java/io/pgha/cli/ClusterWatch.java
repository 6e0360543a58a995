package io.pgha.cli;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;

/**
 * patronictl's -W / -w SECONDS / -t: print, then reprint every interval until interrupted. On a
 * terminal each refresh redraws the screen in place through jline (only the lines that changed), so the
 * table does not flicker; elsewhere each refresh is appended, as patronictl does.
 */
final class ClusterWatch {
    private ClusterWatch() {
    }

    /** Built on first use: java.time's formatting costs a command that prints no time a few milliseconds. */
    private static final class Stamp {
        static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    }

    static void run(CliContext context, boolean everyTwoSeconds, Double watchSeconds, boolean timestamp,
                    Function<CliContext, String> render) {
        Double interval = everyTwoSeconds ? Double.valueOf(2) : watchSeconds;
        if (interval != null && !(interval > 0)) {
            throw new CliException("--watch wants a positive number of seconds, got " + interval, ExitCode.USAGE);
        }
        WatchScreen screen = interval != null && context.display().width() > 0 ? WatchScreen.open(context.display().width()) : null;
        try {
            while (true) {
                String text = (timestamp ? LocalDateTime.now().format(Stamp.FORMAT) + "\n" : "") + render.apply(context);
                if (screen != null) {
                    screen.show(text);
                } else {
                    context.out().print(text);
                    context.out().flush();
                }
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
        } finally {
            if (screen != null) {
                screen.close();
            }
        }
    }
}
