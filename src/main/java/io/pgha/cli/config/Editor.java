package io.pgha.cli.config;

import io.pgha.cli.CliException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The operator's editor on a temporary copy of the configuration, chosen as patronictl chooses it:
 * {@code $EDITOR}, else {@code editor}, else {@code vi} from PATH. An EDITOR with arguments
 * ({@code code --wait}) runs through {@code sh}, as git runs it; patronictl would fail to start it.
 */
public final class Editor {
    private static final String NAME_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<String> command;

    private Editor(List<String> command) {
        this.command = command;
    }

    /** Whether {@code $EDITOR} is set (then it runs even without a terminal, as a script's editor may). */
    public static boolean configured(Map<String, String> env) {
        String editor = env.get("EDITOR");
        return editor != null && !editor.isBlank();
    }

    public static Editor choose(Map<String, String> env) {
        String editor = env.get("EDITOR");
        if (editor != null && !editor.isBlank()) {
            if (editor.strip().contains(" ") && !Files.isExecutable(Path.of(editor))) {
                return new Editor(List.of("/bin/sh", "-c", editor + " \"$@\"", editor));
            }
            return new Editor(List.of(editor));
        }
        for (String name : List.of("editor", "vi")) {
            Optional<Path> found = onPath(name, env.getOrDefault("PATH", ""));
            if (found.isPresent()) {
                return new Editor(List.of(found.get().toString()));
            }
        }
        throw new CliException("EDITOR environment variable is not set. editor or vi are not available");
    }

    private static Optional<Path> onPath(String name, String path) {
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** Writes {@code text} to {@code <cluster>-config-XXXXXXXX.yaml}, runs the editor on it, returns what it holds then. */
    public String edit(String text, String clusterName) {
        Path file = null;
        try {
            file = Files.createFile(Path.of(System.getProperty("java.io.tmpdir"),
                    clusterName.replace('/', '_') + "-config-" + suffix() + ".yaml"),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, text, StandardCharsets.UTF_8);
            List<String> argv = new java.util.ArrayList<>(command);
            argv.add(file.toString());
            Process process = new ProcessBuilder(argv).inheritIO().start();
            int code = process.waitFor();
            if (code != 0) {
                throw new CliException("Editor exited with return code " + code);
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException("cannot run the editor " + command.get(command.size() - 1) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while the editor was open");
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    private static String suffix() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            sb.append(NAME_CHARS.charAt(RANDOM.nextInt(NAME_CHARS.length())));
        }
        return sb.toString();
    }
}
