package io.pgha.cli;

import java.util.Collections;
import java.util.Iterator;

/**
 * Completion candidates that stand for names only the DCS knows. Put on an option or positional
 * parameter ({@code completionCandidates = DcsNames.Members.class}), they make the generated shell
 * completion ask {@code pgha __complete clusters|members} at TAB time; they are empty here because
 * the names do not exist when the completion script is generated.
 */
public final class DcsNames {
    private DcsNames() {
    }

    /** Cluster names: the scopes under the namespace. */
    public static final class Clusters implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Collections.emptyIterator();
        }
    }

    /** Member names of the cluster named on the command line (else of the configured scope). */
    public static final class Members implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Collections.emptyIterator();
        }
    }
}
