package io.pgha.postgres;

/**
 * The data directory's state together with what pg_controldata said about it, from one run of
 * pg_controldata. {@code controlData} is null when the directory holds no cluster or the tool failed.
 */
public record DataDirectoryInspection(DataDirectoryStatus status, ControlData controlData) {
}
