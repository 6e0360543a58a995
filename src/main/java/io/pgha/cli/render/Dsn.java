package io.pgha.cli.render;

import io.pgha.dcs.Member;
import java.util.Locale;
import java.util.Optional;

/** {@code dsn} (patronictl.md §2.14): {@code host=<h> port=<p>} of a member, from its conn_url. */
public final class Dsn {
    private Dsn() {
    }

    /** Empty when the member publishes no usable conn_url. */
    public static Optional<String> of(Member member) {
        return member.postgresAddress()
                .map(a -> "host=" + a.host().toLowerCase(Locale.ROOT) + " port=" + a.port());
    }
}
