package io.pgha.cli.docs;

import io.pgha.cli.DcsNames;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The bash and zsh completion scripts: picocli's bash script for commands, options and fixed
 * values, plus the completion of cluster and member names from the DCS (dcs-names.bash), driven
 * by a table of the command model.
 */
final class Completions {
    private static final String PICOCLI_REGISTRATION = "\n# Define a completion specification (a compspec)";

    private Completions() {
    }

    static String bash(CommandLine commandLine) {
        CommandSpec root = commandLine.getCommandSpec();
        if (!root.subcommands().containsKey("__complete")) {
            throw new IllegalStateException("the model has no __complete command, which dcs-names.bash calls");
        }
        String picocli = AutoComplete.bash(root.name(), commandLine);
        int registration = picocli.indexOf(PICOCLI_REGISTRATION);
        if (registration < 0 || !picocli.contains("complete -F _complete_" + root.name() + " ")) {
            throw new IllegalStateException("picocli's bash script no longer ends in the registration of _complete_"
                    + root.name() + "; adapt " + Completions.class.getName());
        }
        // picocli registers pgha, pgha.sh and pgha.bash; dcs-names.bash registers pgha and patronictl instead.
        // The DcsNames candidates are empty, which picocli writes as one empty word ('' on the command line).
        String script = picocli.substring(0, registration + 1).replace("=(\"\") # ", "=() # ");
        return script + model(root) + "\n" + resource("dcs-names.bash");
    }

    /** zsh: the bash script through bashcompinit, as an autoloaded completion function. */
    static String zsh(String bashScript) {
        String body = bashScript.substring(bashScript.indexOf('\n') + 1);
        return "#compdef pgha patronictl\n"
                + "# zsh completion for pgha and patronictl: the bash completion of completions/pgha.bash (repeated\n"
                + "# below) run through zsh's bashcompinit. Install this file into a directory on $fpath.\n"
                + body
                + "\n# zsh has no compopt. picocli aliases it to complete for a sourced script, but this file is parsed\n"
                + "# as a function before the alias exists, so the functions above would call a missing command.\n"
                + "unalias compopt 2>/dev/null\n"
                + "# compinit runs this file on the first TAB: answer that TAB too (later ones go to _pgha_complete).\n"
                + "_bash_complete -F _pgha_complete -o default\n";
    }

    /**
     * {@code _pgha_model PATH}: per command path, its subcommands, its options that take a value,
     * and which options ({@code NAME:KIND}) and positional parameters ({@code @FIRST-LAST:KIND})
     * take cluster or member names.
     */
    private static String model(CommandSpec root) {
        StringBuilder b = new StringBuilder()
                .append("# The command model as the completion of names reads it (generated): per command path,\n")
                .append("# its subcommands, its options that take a value, and which options (NAME:KIND) and\n")
                .append("# positional parameters (@FIRST-LAST:KIND) take cluster or member names.\n")
                .append("function _pgha_model() {\n")
                .append("  case \"$1\" in\n");
        appendCommand(b, "", root);
        return b.append("  esac\n}\n").toString();
    }

    private static void appendCommand(StringBuilder b, String path, CommandSpec spec) {
        List<String> subcommands = new ArrayList<>();
        List<String> argOptions = new ArrayList<>();
        List<String> dcsArgs = new ArrayList<>();
        for (Map.Entry<String, CommandLine> sub : spec.subcommands().entrySet()) {
            if (!sub.getValue().getCommandSpec().usageMessage().hidden()) {
                subcommands.add(sub.getKey());
            }
        }
        for (OptionSpec option : spec.options()) {
            if (option.arity().max() > 0) {
                argOptions.addAll(List.of(option.names()));
            }
            String kind = kind(option);
            if (kind != null) {
                for (String name : option.names()) {
                    dcsArgs.add(name + ":" + kind);
                }
            }
        }
        for (PositionalParamSpec positional : spec.positionalParameters()) {
            String kind = kind(positional);
            if (kind != null) {
                dcsArgs.add("@" + positional.index().min() + "-" + positional.index().max() + ":" + kind);
            }
        }
        b.append("    '").append(path).append("')\n")
                .append("      subs='").append(spaced(subcommands)).append("'\n")
                .append("      arg_opts='").append(spaced(argOptions)).append("'\n")
                .append("      dcs_args='").append(String.join(" ", dcsArgs)).append("'\n")
                .append("      ;;\n");
        for (String name : subcommands) {
            appendCommand(b, path.isEmpty() ? name : path + " " + name, spec.subcommands().get(name).getCommandSpec());
        }
    }

    /** Words with a space on either side, so that {@code *" $word "*} finds each. */
    private static String spaced(List<String> words) {
        return words.isEmpty() ? " " : " " + String.join(" ", words) + " ";
    }

    private static String kind(ArgSpec arg) {
        if (arg.completionCandidates() instanceof DcsNames.Clusters) {
            return "clusters";
        }
        if (arg.completionCandidates() instanceof DcsNames.Members) {
            return "members";
        }
        return null;
    }

    private static String resource(String name) {
        try (InputStream in = Completions.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing beside " + Completions.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
