package io.pgha.dcs;

import java.util.List;

/** The keys a prefix read returned, in key order, with the store revision they were read at. */
public record RangeResult(long revision, List<KeyValue> kvs) {
    public RangeResult {
        kvs = List.copyOf(kvs);
    }
}
