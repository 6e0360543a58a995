package io.pgha.cli.docs;

import io.pgha.cli.ExitCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * One man page (troff with the man macros) for one command, written straight from its picocli
 * model: picocli-codegen's ManPageGenerator writes AsciiDoc, and turning that into troff would
 * need asciidoctor.
 */
final class ManPage {
    private final CommandSpec spec;

    private ManPage(CommandSpec spec) {
        this.spec = spec;
    }

    /** {@code pgha.1}, {@code pgha-list.1}, ... */
    static String fileName(CommandSpec spec) {
        return spec.qualifiedName("-") + ".1";
    }

    static String render(CommandSpec spec) {
        return new ManPage(spec).render();
    }

    private String render() {
        StringBuilder t = new StringBuilder();
        String name = spec.qualifiedName("-");
        t.append(".\\\" Generated from the pgha command model by dist/dev/generate-docs; do not edit.\n");
        t.append(".TH \"").append(escape(name.toUpperCase(Locale.ROOT))).append("\" \"1\" \"\" \"pgha\" \"pgha Manual\"\n");
        t.append(".nh\n.ad l\n"); // no hyphenation, ragged right: option names stay whole
        t.append(".SH NAME\n").append(escape(name)).append(" \\- ").append(escape(description().length == 0 ? "" : description()[0])).append('\n');
        synopsis(t);
        t.append(".SH DESCRIPTION\n");
        lines(t, description());
        commands(t);
        options(t, ".SH OPTIONS\n", spec.options());
        arguments(t);
        List<OptionSpec> global = new ArrayList<>();
        for (CommandSpec parent = spec.parent(); parent != null; parent = parent.parent()) {
            parent.options().stream().filter(o -> !o.usageHelp() && !o.versionHelp()).forEach(global::add);
        }
        options(t, ".SH \"GLOBAL OPTIONS\"\n", global);
        t.append(".SH \"EXIT STATUS\"\n");
        java.util.Map<String, String> own = spec.usageMessage().exitCodeList();
        if (!own.isEmpty()) {
            own.forEach((code, text) -> t.append(".TP\n.B ").append(escape(code.strip())).append('\n')
                    .append(escape(text.strip())).append('\n'));
        } else {
            for (ExitCode.Meaning meaning : ExitCode.documented()) {
                t.append(".TP\n.B ").append(meaning.code()).append('\n').append(escape(meaning.text())).append('\n');
            }
        }
        seeAlso(t);
        return t.toString();
    }

    private String[] description() {
        return spec.usageMessage().description();
    }

    private void synopsis(StringBuilder t) {
        t.append(".SH SYNOPSIS\n");
        List<String> path = new ArrayList<>();
        for (CommandSpec c = spec; c != null; c = c.parent()) {
            path.add(0, c.name());
        }
        t.append(".B ").append(escape(path.get(0))).append('\n');
        if (path.size() > 1) {
            t.append("[\\fIGLOBAL OPTIONS\\fR]\n");
            t.append(".B ").append(escape(String.join(" ", path.subList(1, path.size())))).append('\n');
        }
        t.append("[\\fIOPTIONS\\fR]\n");
        if (!visibleSubcommands().isEmpty()) {
            t.append("\\fICOMMAND\\fR [\\fIARGS\\fR]...\n");
        }
        for (PositionalParamSpec positional : spec.positionalParameters()) {
            if (positional.hidden()) {
                continue;
            }
            String label = "\\fI" + escape(positional.paramLabel()) + "\\fR" + (positional.arity().max() > 1 ? "..." : "");
            t.append(positional.arity().min() > 0 ? label : "[" + label + "]").append('\n');
        }
    }

    private void commands(StringBuilder t) {
        List<CommandSpec> subcommands = visibleSubcommands();
        if (subcommands.isEmpty()) {
            return;
        }
        t.append(".SH COMMANDS\n");
        for (CommandSpec sub : subcommands) {
            t.append(".TP\n.B ").append(escape(sub.name())).append('\n');
            lines(t, sub.usageMessage().description());
        }
    }

    private static void options(StringBuilder t, String heading, List<OptionSpec> options) {
        List<OptionSpec> visible = options.stream().filter(o -> !o.hidden()).toList();
        if (visible.isEmpty()) {
            return;
        }
        t.append(heading);
        for (OptionSpec option : visible) {
            List<String> names = new ArrayList<>();
            for (String name : option.names()) {
                names.add("\\fB" + escape(name) + "\\fR");
            }
            t.append(".TP\n").append(String.join(", ", names));
            if (option.arity().max() > 0) {
                String label = "\\fI" + escape(option.paramLabel()) + "\\fR";
                t.append(option.arity().min() > 0 ? "=" + label : "[=" + label + "]");
            }
            t.append('\n');
            lines(t, option.description());
        }
    }

    private void arguments(StringBuilder t) {
        List<PositionalParamSpec> visible = spec.positionalParameters().stream().filter(p -> !p.hidden()).toList();
        if (visible.isEmpty()) {
            return;
        }
        t.append(".SH ARGUMENTS\n");
        for (ArgSpec positional : visible) {
            t.append(".TP\n\\fI").append(escape(positional.paramLabel())).append("\\fR\n");
            lines(t, positional.description());
        }
    }

    private void seeAlso(StringBuilder t) {
        List<String> pages = new ArrayList<>();
        if (spec.parent() != null) {
            pages.add(spec.parent().qualifiedName("-"));
        }
        visibleSubcommands().forEach(sub -> pages.add(sub.qualifiedName("-")));
        if (pages.isEmpty()) {
            return;
        }
        t.append(".SH \"SEE ALSO\"\n");
        List<String> references = pages.stream().map(page -> "\\fB" + escape(page) + "\\fR(1)").toList();
        t.append(String.join(",\n", references)).append('\n');
    }

    /** Subcommands in declaration order, each once (aliases share a spec), without hidden ones. */
    private List<CommandSpec> visibleSubcommands() {
        return spec.subcommands().values().stream()
                .map(CommandLine::getCommandSpec)
                .distinct()
                .filter(sub -> !sub.usageMessage().hidden())
                .toList();
    }

    /** Description lines as picocli keeps them: one line each. */
    private static void lines(StringBuilder t, String[] lines) {
        List<String> escaped = new ArrayList<>();
        for (String line : lines) {
            for (String part : line.split("\n", -1)) {
                if (!part.isBlank()) {
                    escaped.add(escape(part.strip()));
                }
            }
        }
        t.append(String.join("\n.br\n", escaped));
        if (!escaped.isEmpty()) {
            t.append('\n');
        }
    }

    /** Text as troff prints it literally: backslashes, minus signs, and no line read as a request. */
    static String escape(String text) {
        String escaped = text.replace("\\", "\\e").replace("-", "\\-");
        return escaped.startsWith(".") || escaped.startsWith("'") ? "\\&" + escaped : escaped;
    }
}
