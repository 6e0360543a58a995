/**
 * Patroni's configuration format, for the CLI and the agent.
 *
 * <p>Loading: {@link io.pgha.config.ConfigSources#ctl} (patronictl's {@code -c}, {@code -d} and
 * environment) or {@link io.pgha.config.ConfigSources#local} (the agent) give a
 * {@link io.pgha.config.PatroniConfig}: the generic tree plus where every key came from. Typed views are
 * records, one per section ({@link io.pgha.config.Etcd3Section},
 * {@link io.pgha.config.CtlSettings}, {@link io.pgha.config.CitusSettings}), built from a
 * {@link io.pgha.config.Section}, whose errors name the file position or variable, the dotted key and the
 * bad value in one line.
 */
package io.pgha.config;
