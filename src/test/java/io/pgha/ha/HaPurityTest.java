package io.pgha.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The decision core stays pure: no I/O and no clock in io.pgha.ha (STYLE.md "Decide, then act"). */
class HaPurityTest {
    private static final Pattern FORBIDDEN = Pattern.compile("java\\.net|java\\.nio|java\\.io\\b|java\\.sql|okhttp3?"
            + "|io\\.etcd|ProcessBuilder|Runtime\\.getRuntime|Thread\\.sleep|Instant\\.now|LocalDateTime\\.now"
            + "|OffsetDateTime\\.now|currentTimeMillis|nanoTime|java\\.time\\.Clock|java\\.util\\.Random|Math\\.random");

    @Test
    void decisionCoreNeitherDoesIoNorReadsTheClock() throws IOException {
        Path sources = Path.of("src/main/java/io/pgha/ha");
        List<String> offences = new ArrayList<>();
        try (Stream<Path> files = Files.list(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    if (FORBIDDEN.matcher(lines.get(i)).find()) {
                        offences.add(file.getFileName() + ":" + (i + 1) + ": " + lines.get(i).trim());
                    }
                }
            }
        }
        assertTrue(Files.isDirectory(sources), "run from the project root");
        assertEquals(List.of(), offences);
    }
}
