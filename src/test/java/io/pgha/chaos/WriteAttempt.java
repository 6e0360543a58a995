package io.pgha.chaos;

/**
 * One write-acknowledgement probe sent by the {@link Checker} to one node: when it was sent and when its
 * answer came (System.nanoTime), and whether the node acknowledged the commit.
 */
record WriteAttempt(int node, long sent, long answered, boolean acknowledged) {
}
