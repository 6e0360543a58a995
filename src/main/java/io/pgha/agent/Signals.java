package io.pgha.agent;

/**
 * Signal handlers for the agent process. SIGTERM and SIGINT run the graceful stop on a thread of their
 * own instead of the JVM's shutdown, so logging and etcd keep working until the agent is done.
 */
final class Signals {
    private Signals() {
    }

    static void onTermination(Runnable stop) {
        Runnable once = new Runnable() {
            private boolean started;

            @Override
            public synchronized void run() {
                if (!started) {
                    started = true;
                    Thread thread = new Thread(stop, "pgha-shutdown");
                    thread.start();
                }
            }
        };
        handle("TERM", once);
        handle("INT", once);
    }

    static void onHangup(Runnable action) {
        handle("HUP", action);
    }

    @SuppressWarnings("restriction")
    private static void handle(String name, Runnable action) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> action.run());
        } catch (IllegalArgumentException e) {
            // the signal does not exist here or the JVM reserves it; keep the default behaviour
        }
    }
}
