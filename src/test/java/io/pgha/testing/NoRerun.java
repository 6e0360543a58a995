package io.pgha.testing;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For the tests whose failure means two primaries or a lost acknowledged write: the build reruns a failed
 * integration test once (pom.xml, rerunFailingTestsCount), and a pass on the rerun must not hide such a
 * failure. The second run of a test method in the same JVM (where Maven reruns it) fails at once.
 */
public final class NoRerun implements BeforeEachCallback {
    private static final Set<String> STARTED = ConcurrentHashMap.newKeySet();

    @Override
    public void beforeEach(ExtensionContext context) {
        String test = context.getRequiredTestClass().getName() + "#" + context.getRequiredTestMethod().getName();
        if (!STARTED.add(test)) {
            throw new AssertionError(test + " guards against split brain and lost writes: its first failure stands,"
                    + " it is not rerun");
        }
    }
}
