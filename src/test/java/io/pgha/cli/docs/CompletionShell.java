package io.pgha.cli.docs;

import io.pgha.testing.CommandResult;
import io.pgha.testing.Commands;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Presses TAB in bash: sources a completion script and runs the function registered for the program. */
final class CompletionShell {
    static final Path PROJECT = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
    static final Path BASH_SCRIPT = PROJECT.resolve(GenerateDocs.BASH);

    // Bash splits COMP_WORDS at the characters of COMP_WORDBREAKS too, so etcd3://h:1 arrives as
    // etcd3 : //h : 1; the harness splits at ':' and '=' the same way.
    private static final String HARNESS = """
            source "$1" || exit 97
            COMP_LINE=$2
            COMP_POINT=${#COMP_LINE}
            split=${COMP_LINE//:/ : }
            split=${split//=/ = }
            read -r -a COMP_WORDS <<< "$split"
            [[ $COMP_LINE == *' ' ]] && COMP_WORDS+=('')
            COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
            spec=$(complete -p "${COMP_WORDS[0]##*/}") || exit 98
            function=${spec#*-F }
            function=${function%% *}
            COMPREPLY=()
            "$function" "${COMP_WORDS[0]}" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}" 2>/dev/null
            printf '%s\\n' "${COMPREPLY[@]}"
            """;

    private CompletionShell() {
    }

    /** The candidates bash offers when TAB is pressed at the end of {@code line}. */
    static List<String> complete(String line) {
        return complete(line, Map.of());
    }

    /** As {@link #complete(String)}, with {@code extraEnv} in the shell's environment. */
    static List<String> complete(String line, Map<String, String> extraEnv) {
        Map<String, String> env = new HashMap<>();
        // No developer's patronictl.yaml, config file or DCS URL reaches the program the completion runs.
        env.put("HOME", "/nonexistent-pgha-test-home");
        env.put("PATRONICTL_CONFIG_FILE", null);
        env.put("DCS_URL", null);
        env.put("PGHA_DCS_TIMEOUT", null);
        env.put("PGHA_COMPLETION_TIMEOUT", null);
        env.putAll(extraEnv);
        CommandResult result = Commands.run(List.of("bash", "--norc", "--noprofile", "-c", HARNESS, "harness",
                BASH_SCRIPT.toString(), line), Duration.ofSeconds(60), PROJECT, env);
        if (result.exitCode() != 0) {
            throw new AssertionError("completing [" + line + "] failed: " + result.describe());
        }
        return result.stdout().lines().filter(word -> !word.isEmpty()).toList();
    }
}
