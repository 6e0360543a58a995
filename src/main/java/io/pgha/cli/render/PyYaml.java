package io.pgha.cli.render;

import io.pgha.text.PyJson;
import io.pgha.text.PyText;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * {@code yaml.safe_dump(data, default_flow_style=..., allow_unicode=True, width=200)} as patronictl
 * calls it: keys sorted, strings quoted only where PyYAML quotes them, long scalars folded at the same
 * columns. Behaviour follows PyYAML's emitter; the structure here is recursive rather than PyYAML's
 * event state machine.
 */
public final class PyYaml {
    private static final int INDENT = 2;
    private static final int NO_INDENT = -1;

    private final StringBuilder out = new StringBuilder();
    private final boolean defaultFlow;
    private final int width;
    private final Deque<Integer> indents = new ArrayDeque<>();
    private int indent = NO_INDENT;
    private int flowLevel;
    private int column;
    private boolean whitespace = true;
    private boolean indention = true;
    private boolean openEnded;
    private boolean rootContext;
    private boolean mappingContext;
    private boolean simpleKeyContext;

    private PyYaml(boolean defaultFlow, int width) {
        this.defaultFlow = defaultFlow;
        this.width = width;
    }

    /** Block style dump, as show-config, edit-config and {@code list -f yaml} print it. */
    public static String dump(Object data) {
        return dump(data, false);
    }

    /** {@code flow} is PyYAML's {@code default_flow_style}: true gives {@code {a: b, c: d}}. */
    public static String dump(Object data, boolean flow) {
        PyYaml emitter = new PyYaml(flow, 200);
        emitter.document(represent(data));
        return emitter.out.toString();
    }

    private sealed interface Node permits Scalar, Sequence, Mapping {
    }

    /** {@code plainIsImplicit}: the plain text reads back as the same type (PyYAML's implicit[0]). */
    private record Scalar(String value, String tag, boolean plainIsImplicit) implements Node {
    }

    private record Sequence(List<Node> items) implements Node {
    }

    private record Mapping(List<Node[]> entries) implements Node {
    }

    private static Node represent(Object data) {
        if (data == null) {
            return new Scalar("null", "null", true);
        }
        if (data instanceof Boolean b) {
            return new Scalar(b ? "true" : "false", "bool", true);
        }
        if (PyText.isInteger(data)) {
            return new Scalar(PyText.integer((Number) data).toString(), "int", true);
        }
        if (data instanceof Number n) {
            return new Scalar(floatText(n.doubleValue()), "float", true);
        }
        if (data instanceof Map<?, ?> map) {
            List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
            if (entries.stream().allMatch(e -> e.getKey() instanceof String)) {
                entries.sort(Comparator.comparing(e -> (String) e.getKey(), PyYaml::compareCodePoints));
            }
            List<Node[]> nodes = new ArrayList<>();
            for (Map.Entry<?, ?> e : entries) {
                nodes.add(new Node[] {represent(e.getKey()), represent(e.getValue())});
            }
            return new Mapping(nodes);
        }
        if (data instanceof List<?> list) {
            return new Sequence(list.stream().map(PyYaml::represent).toList());
        }
        String s = data.toString();
        return new Scalar(s, "str", YamlScalars.plainReadsAsString(s));
    }

    /** Python sorts str by code point, Java's compareTo by UTF-16 unit. */
    static int compareCodePoints(String a, String b) {
        return java.util.Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    }

    private static String floatText(double d) {
        if (Double.isNaN(d)) {
            return ".nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? ".inf" : "-.inf";
        }
        String value = PyText.floatRepr(d).toLowerCase(java.util.Locale.ROOT);
        if (!value.contains(".") && value.contains("e")) {
            value = value.replaceFirst("e", ".0e");
        }
        return value;
    }

    private void document(Node root) {
        node(root, true, false, false);
        writeIndent();
        if (openEnded) {
            writeIndicator("...", true, false, false);
            writeIndent();
        }
    }

    private void node(Node node, boolean root, boolean mapping, boolean simpleKey) {
        rootContext = root;
        mappingContext = mapping;
        simpleKeyContext = simpleKey;
        if (node instanceof Scalar scalar) {
            increaseIndent(true, false);
            scalar(scalar);
            indent = indents.pop();
        } else if (node instanceof Sequence seq) {
            if (flowLevel > 0 || defaultFlow || seq.items().isEmpty()) {
                flowSequence(seq);
            } else {
                blockSequence(seq);
            }
        } else if (node instanceof Mapping map) {
            if (flowLevel > 0 || defaultFlow || map.entries().isEmpty()) {
                flowMapping(map);
            } else {
                blockMapping(map);
            }
        }
    }

    private void increaseIndent(boolean flow, boolean indentless) {
        indents.push(indent);
        if (indent == NO_INDENT) {
            indent = flow ? INDENT : 0;
        } else if (!indentless) {
            indent += INDENT;
        }
    }

    private void flowSequence(Sequence seq) {
        writeIndicator("[", true, true, false);
        flowLevel++;
        increaseIndent(true, false);
        boolean first = true;
        for (Node item : seq.items()) {
            if (!first) {
                writeIndicator(",", false, false, false);
            }
            first = false;
            if (column > width) {
                writeIndent();
            }
            node(item, false, false, false);
        }
        indent = indents.pop();
        flowLevel--;
        writeIndicator("]", false, false, false);
    }

    private void flowMapping(Mapping map) {
        writeIndicator("{", true, true, false);
        flowLevel++;
        increaseIndent(true, false);
        boolean first = true;
        for (Node[] entry : map.entries()) {
            if (!first) {
                writeIndicator(",", false, false, false);
            }
            first = false;
            if (column > width) {
                writeIndent();
            }
            if (isSimpleKey(entry[0])) {
                node(entry[0], false, true, true);
                writeIndicator(":", false, false, false);
            } else {
                writeIndicator("?", true, false, false);
                node(entry[0], false, true, false);
                if (column > width) {
                    writeIndent();
                }
                writeIndicator(":", true, false, false);
            }
            node(entry[1], false, true, false);
        }
        indent = indents.pop();
        flowLevel--;
        writeIndicator("}", false, false, false);
    }

    private void blockSequence(Sequence seq) {
        // a sequence that is a mapping value starts at the key's column ("key:\n- a")
        increaseIndent(false, mappingContext && !indention);
        for (Node item : seq.items()) {
            writeIndent();
            writeIndicator("-", true, false, true);
            node(item, false, false, false);
        }
        indent = indents.pop();
    }

    private void blockMapping(Mapping map) {
        increaseIndent(false, false);
        for (Node[] entry : map.entries()) {
            writeIndent();
            if (isSimpleKey(entry[0])) {
                node(entry[0], false, true, true);
                writeIndicator(":", false, false, false);
            } else {
                writeIndicator("?", true, false, true);
                node(entry[0], false, true, false);
                writeIndent();
                writeIndicator(":", true, false, true);
            }
            node(entry[1], false, true, false);
        }
        indent = indents.pop();
    }

    /** PyYAML counts the shorthand tag (e.g. {@code !!str}) into the 128-character limit. */
    private static boolean isSimpleKey(Node key) {
        if (key instanceof Scalar s) {
            int length = 2 + s.tag().length() + s.value().codePointCount(0, s.value().length());
            YamlScalars.Analysis a = YamlScalars.analyze(s.value().codePoints().toArray());
            return length < 128 && !a.empty() && !a.multiline();
        }
        if (key instanceof Sequence seq) {
            return seq.items().isEmpty();
        }
        return ((Mapping) key).entries().isEmpty();
    }

    private enum Style { PLAIN, SINGLE, DOUBLE }

    private void scalar(Scalar scalar) {
        int[] text = scalar.value().codePoints().toArray();
        YamlScalars.Analysis a = YamlScalars.analyze(text);
        Style style = Style.DOUBLE;
        boolean plainFits = flowLevel > 0 ? a.allowFlowPlain() : a.allowBlockPlain();
        if (scalar.plainIsImplicit() && !(simpleKeyContext && (a.empty() || a.multiline())) && plainFits) {
            style = Style.PLAIN;
        } else if (a.allowSingleQuoted() && !(simpleKeyContext && a.multiline())) {
            style = Style.SINGLE;
        }
        boolean split = !simpleKeyContext;
        switch (style) {
            case PLAIN -> new ScalarWriter(this, text, split).plain();
            case SINGLE -> new ScalarWriter(this, text, split).singleQuoted();
            case DOUBLE -> new ScalarWriter(this, text, split).doubleQuoted();
            default -> throw new IllegalStateException();
        }
    }

    // Low-level writers shared with ScalarWriter: they track the column and whether the last
    // character written was whitespace or indentation, which decide spaces and line breaks.

    void writeIndicator(String indicator, boolean needWhitespace, boolean isWhitespace, boolean isIndention) {
        String data = whitespace || !needWhitespace ? indicator : " " + indicator;
        whitespace = isWhitespace;
        indention = indention && isIndention;
        column += data.length();
        openEnded = false;
        out.append(data);
    }

    void writeIndent() {
        int target = indent == NO_INDENT ? 0 : indent;
        if (!indention || column > target || (column == target && !whitespace)) {
            writeLineBreak(null);
        }
        if (column < target) {
            whitespace = true;
            out.append(" ".repeat(target - column));
            column = target;
        }
    }

    void writeLineBreak(String data) {
        whitespace = true;
        indention = true;
        column = 0;
        out.append(data == null ? "\n" : data);
    }

    void write(int[] text, int start, int end) {
        column += end - start;
        out.append(new String(text, start, end - start));
    }

    void writeRaw(String data) {
        column += data.codePointCount(0, data.length());
        out.append(data);
    }

    int column() {
        return column;
    }

    int width() {
        return width;
    }

    boolean whitespace() {
        return whitespace;
    }

    void markPlainWritten() {
        if (rootContext) {
            openEnded = true;
        }
    }

    void setWhitespace(boolean value) {
        whitespace = value;
    }

    void setIndention(boolean value) {
        indention = value;
    }
}
