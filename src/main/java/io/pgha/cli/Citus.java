package io.pgha.cli;

/** pgha reads and acts on plain clusters only; a Citus group must not be silently ignored. */
final class Citus {
    private Citus() {
    }

    static void refuse(Integer group) {
        if (group != null) {
            throw new CliException("--group " + group + ": Citus clusters are not supported by pgha yet");
        }
    }
}
