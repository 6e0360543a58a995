package io.pgha.cli.docs;

import io.pgha.cli.PghaCommand;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Writes completions/ (bash, zsh) and man/ (one page per command) from the picocli model of
 * pgha. Run through {@code dist/dev/generate-docs}; GeneratedDocsUpToDateTest fails when the
 * committed copies differ from what this writes.
 */
public final class GenerateDocs {
    static final String BASH = "completions/pgha.bash";
    static final String ZSH = "completions/_pgha";
    static final String MAN_DIR = "man";

    /** {@code ${env:NAME:-fallback}} and the like, in a default value. */
    private static final Pattern LOOKUP = Pattern.compile("\\$\\{(?:env:|sys:)?[^}:]+(?::-([^}]*))?}");

    private GenerateDocs() {
    }

    /** {@code GenerateDocs PROJECT_ROOT}: writes the files there and removes man pages of commands that are gone. */
    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        Map<String, String> files = generate();
        write(root, files);
        System.out.println("generate-docs: wrote " + files.size() + " files under " + root.resolve("completions")
                + " and " + root.resolve(MAN_DIR));
    }

    /** Every generated file: its path relative to the project root, and its content. */
    static Map<String, String> generate() {
        CommandLine model = model();
        Map<String, String> files = new TreeMap<>();
        String bash = Completions.bash(model);
        files.put(BASH, bash);
        files.put(ZSH, Completions.zsh(bash));
        Deque<CommandSpec> commands = new ArrayDeque<>(List.of(model.getCommandSpec()));
        while (!commands.isEmpty()) {
            CommandSpec command = commands.removeFirst();
            if (command.usageMessage().hidden()) {
                continue;
            }
            files.put(MAN_DIR + "/" + ManPage.fileName(command), ManPage.render(command));
            command.subcommands().values().stream().map(CommandLine::getCommandSpec).distinct().forEach(commands::addLast);
        }
        return files;
    }

    static void write(Path root, Map<String, String> files) throws IOException {
        for (Path stale : existing(root)) {
            if (!files.containsKey(root.relativize(stale).toString())) {
                Files.delete(stale);
            }
        }
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = root.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
        }
    }

    /** The generated files a project root holds now: the completions and every man page. */
    static List<Path> existing(Path root) throws IOException {
        List<Path> found = new java.util.ArrayList<>();
        for (String completion : List.of(BASH, ZSH)) {
            if (Files.exists(root.resolve(completion))) {
                found.add(root.resolve(completion));
            }
        }
        if (Files.isDirectory(root.resolve(MAN_DIR))) {
            try (Stream<Path> pages = Files.list(root.resolve(MAN_DIR))) {
                pages.filter(p -> p.getFileName().toString().endsWith(".1")).sorted().forEach(found::add);
            }
        }
        return found;
    }

    /** The command model, with defaults as built in rather than as the generating shell's environment sets them. */
    static CommandLine model() {
        CommandLine commandLine = PghaCommand.tree();
        commandLine.setDefaultValueProvider(GenerateDocs::builtInDefault);
        return commandLine;
    }

    /** {@code ${env:PGHA_COMPAT:-4.1}} documents 4.1, whatever PGHA_COMPAT is where this runs. */
    private static String builtInDefault(ArgSpec arg) {
        if (!(arg.userObject() instanceof Field field)) {
            return null;
        }
        Option option = field.getAnnotation(Option.class);
        Parameters parameters = field.getAnnotation(Parameters.class);
        String raw = option != null ? option.defaultValue() : parameters != null ? parameters.defaultValue() : null;
        if (raw == null || !raw.contains("${")) {
            return null;
        }
        return LOOKUP.matcher(raw).replaceAll(m -> Matcher.quoteReplacement(m.group(1) == null ? "" : m.group(1)));
    }
}
