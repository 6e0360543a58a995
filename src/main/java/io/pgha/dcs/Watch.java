package io.pgha.dcs;

/** A running watch on a key prefix; closing it stops the events (no error callback follows). */
public interface Watch extends AutoCloseable {
    @Override
    void close();
}
