package io.pgha.cli.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed completions/ and man/ are exactly what the command model generates now. */
class GeneratedDocsUpToDateTest {
    private static final String HINT = "; run dist/dev/generate-docs and commit completions/ and man/";

    @Test
    void committedCompletionsAndManPagesMatchTheCommandModel(@TempDir Path generated) throws IOException {
        GenerateDocs.write(generated, GenerateDocs.generate());
        Path project = CompletionShell.PROJECT;
        List<String> expected = relative(generated, GenerateDocs.existing(generated));
        assertEquals(expected, relative(project, GenerateDocs.existing(project)), "generated files differ" + HINT);
        for (String file : expected) {
            long at = Files.mismatch(generated.resolve(file), project.resolve(file));
            if (at >= 0) {
                byte[] committed = Files.readAllBytes(project.resolve(file));
                long line = 1;
                for (int i = 0; i < Math.min(at, committed.length); i++) {
                    line += committed[i] == '\n' ? 1 : 0;
                }
                fail(file + " is stale from line " + line + HINT);
            }
        }
    }

    @Test
    void generatingTwiceGivesTheSameBytes() {
        assertEquals(GenerateDocs.generate(), GenerateDocs.generate());
    }

    private static List<String> relative(Path root, List<Path> files) {
        return files.stream().map(f -> root.relativize(f).toString()).sorted().toList();
    }
}
