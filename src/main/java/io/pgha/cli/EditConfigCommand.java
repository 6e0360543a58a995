package io.pgha.cli;

import io.pgha.cli.config.ConfigEdits;
import io.pgha.cli.config.Editor;
import io.pgha.cli.config.UnifiedDiff;
import io.pgha.cli.prompt.NoTerminal;
import io.pgha.cli.render.PyYaml;
import io.pgha.config.DynamicConfigValidator;
import io.pgha.config.YamlText;
import io.pgha.dcs.Cluster;
import io.pgha.dcs.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code edit-config}: changes the dynamic configuration (/config) with the editor, {@code -s}/{@code -p},
 * {@code --apply} or {@code --replace}, shows the diff, asks, and writes it only if nobody changed it
 * since it was read (compare-and-set on its mod_revision). A result that Patroni would not use as
 * written is refused before anything is asked or written.
 */
@Command(name = "edit-config", mixinStandardHelpOptions = true, description = "Edit cluster configuration.")
public final class EditConfigCommand implements Callable<Integer> {
    @ParentCommand
    PghaCommand root;

    @Mixin
    ClusterOrScope target = new ClusterOrScope();

    @Option(names = {"-q", "--quiet"}, description = "Do not show changes.")
    boolean quiet;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE",
            description = "Set specific configuration value: KEY is a dotted path, VALUE is YAML, empty VALUE removes "
                    + "the key. Can be specified multiple times.")
    List<String> setPairs = new ArrayList<>();

    @Option(names = {"-p", "--pg"}, paramLabel = "NAME=VALUE",
            description = "Set specific PostgreSQL parameter value. Shorthand for -s postgresql.parameters.NAME=VALUE. "
                    + "Can be specified multiple times.")
    List<String> pgPairs = new ArrayList<>();

    @Option(names = "--apply", paramLabel = "FILE", description = "Apply configuration from file. Use - for stdin.")
    String applyFile;

    @Option(names = "--replace", paramLabel = "FILE",
            description = "Apply configuration from file, replacing existing configuration. Use - for stdin.")
    String replaceFile;

    @Mixin
    ForceOption force = new ForceOption();

    @Override
    public Integer call() {
        CliContext context = root.context();
        String name = target.resolve(context);
        Cluster cluster = context.readCluster(name);
        if (!cluster.config().present()) {
            throw new CliException("The config key does not exist in the cluster " + name);
        }
        Map<String, Object> original = cluster.config().data();
        String before = PyYaml.dump(original);
        String after = null;
        Map<String, Object> changed = original;
        if (replaceFile != null) {
            changed = ConfigEdits.replace(ConfigEdits.mapping(readYaml(replaceFile), source(replaceFile)));
            after = PyYaml.dump(changed);
        }
        if (applyFile != null) {
            changed = ConfigEdits.merge(changed, ConfigEdits.mapping(readYaml(applyFile), source(applyFile)));
            after = PyYaml.dump(changed);
        }
        if (!setPairs.isEmpty() || !pgPairs.isEmpty()) {
            List<String> pairs = new ArrayList<>(setPairs);
            pgPairs.forEach(pair -> pairs.add(ConfigEdits.parameterPair(pair)));
            changed = ConfigEdits.set(changed, pairs);
            after = PyYaml.dump(changed);
        }
        if (after == null) {
            after = editor(context).edit(before, name);
            changed = ConfigEdits.mapping(YamlText.parse(after, "edited configuration"), "edited configuration");
        }
        if (ConfigEdits.pythonEquals(original, changed)) {
            if (!quiet) {
                context.out().println("Not changed");
            }
            return ExitCode.OK;
        }
        refuseInvalid(context, original, changed);
        if (!quiet) {
            boolean colour = standardOutputIsTerminal() && !context.env().containsKey("NO_COLOR");
            for (String line : UnifiedDiff.of(UnifiedDiff.lines(before), UnifiedDiff.lines(after))) {
                context.out().println(colour ? coloured(line) : line);
            }
        }
        if (("-".equals(applyFile) || "-".equals(replaceFile)) && !force.given()) {
            context.out().println("Use --force option to apply changes");
            return ExitCode.OK;
        }
        if (force.given() || context.prompter().confirm("Apply these changes?", "--force")) {
            if (!context.dcs().compareAndPut(context.keyspace(name).config(), Json.write(changed),
                    cluster.config().modRevision())) {
                throw new CliException("Config modification aborted due to concurrent changes");
            }
            context.out().println("Configuration changed");
        }
        return ExitCode.OK;
    }

    /** Problems the stored configuration already had are only warned about: they must not block an unrelated edit. */
    private static void refuseInvalid(CliContext context, Map<String, Object> original, Map<String, Object> changed) {
        List<String> existing = DynamicConfigValidator.problems(original);
        List<String> problems = new ArrayList<>();
        for (String problem : DynamicConfigValidator.problems(changed)) {
            if (existing.contains(problem)) {
                context.err().println("warning: " + problem + " (already so in the stored configuration)");
            } else {
                problems.add(problem);
            }
        }
        if (!problems.isEmpty()) {
            throw new CliException("invalid configuration, nothing written: " + String.join("; ", problems));
        }
    }

    /** patronictl pages a coloured diff on a terminal; pgha colours it and leaves paging to the terminal. */
    private static String coloured(String line) {
        String colour = line.startsWith("--- ") || line.startsWith("+++ ") ? "\033[1m"
                : line.startsWith("@@") ? "\033[36m" : line.startsWith("-") ? "\033[31m"
                : line.startsWith("+") ? "\033[32m" : null;
        return colour == null ? line : colour + line + "\033[0m";
    }

    private static boolean standardOutputIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/1")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static Editor editor(CliContext context) {
        if (!Editor.configured(context.env()) && context.prompter() instanceof NoTerminal) {
            throw new CliException("standard input is not a terminal, so no editor can be opened: pass -s, -p, "
                    + "--apply or --replace, or set EDITOR");
        }
        return Editor.choose(context.env());
    }

    private static String source(String file) {
        return "-".equals(file) ? "standard input" : file;
    }

    private static Object readYaml(String file) {
        try {
            String text = "-".equals(file) ? readStdin() : Files.readString(Path.of(file), StandardCharsets.UTF_8);
            return YamlText.parse(text, source(file));
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static String readStdin() throws IOException {
        InputStream in = System.in;
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
