package io.pgha.agent;

/**
 * Told after each HA cycle of the agent, with the cycle's decision message (e.g. "no action. I am
 * (node1), the leader with the lock"). Called on the loop's thread: it must return quickly.
 */
@FunctionalInterface
public interface CycleListener {
    void cycleEnded(String message);
}
