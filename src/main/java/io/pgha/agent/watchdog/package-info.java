/**
 * The agent's hardware watchdog (ha-loop.md §18): {@link io.pgha.agent.watchdog.Watchdog} decides when
 * the device is armed, kicked and disarmed; a {@link io.pgha.agent.watchdog.WatchdogDevice} writes to it.
 * Java has no ioctl: the Linux device's timeout is set with util-linux {@code wdctl} before it is opened
 * and read from sysfs; {@code driver: testing} is Patroni's file-level test harness.
 */
package io.pgha.agent.watchdog;
