package io.pgha.postgres;

/** A parameter whose new value waits for a restart: {@code {old_value, new_value}} in Patroni's documents. */
public record PendingChange(String oldValue, String newValue) {
}
