package io.pgha.cli.render;

import static io.pgha.cli.render.YamlScalars.isBreak;

/**
 * Writes one scalar in plain, single-quoted or double-quoted style, folding at spaces past the
 * emitter's width exactly where PyYAML folds (so long values wrap identically).
 */
final class ScalarWriter {
    private final PyYaml emitter;
    private final int[] text;
    private final boolean split;

    ScalarWriter(PyYaml emitter, int[] text, boolean split) {
        this.emitter = emitter;
        this.text = text;
        this.split = split;
    }

    void plain() {
        emitter.markPlainWritten();
        if (text.length == 0) {
            return;
        }
        if (!emitter.whitespace()) {
            emitter.writeRaw(" ");
        }
        emitter.setWhitespace(false);
        emitter.setIndention(false);
        boolean spaces = false;
        boolean breaks = false;
        int start = 0;
        for (int end = 0; end <= text.length; end++) {
            int ch = end < text.length ? text[end] : -1;
            if (spaces) {
                if (ch != ' ') {
                    if (start + 1 == end && emitter.column() > emitter.width() && split) {
                        emitter.writeIndent();
                        emitter.setWhitespace(false);
                        emitter.setIndention(false);
                    } else {
                        emitter.write(text, start, end);
                    }
                    start = end;
                }
            } else if (breaks) {
                if (ch == -1 || !isBreak(ch)) {
                    if (text[start] == '\n') {
                        emitter.writeLineBreak(null);
                    }
                    writeBreaks(start, end);
                    emitter.writeIndent();
                    emitter.setWhitespace(false);
                    emitter.setIndention(false);
                    start = end;
                }
            } else if (ch == -1 || ch == ' ' || isBreak(ch)) {
                emitter.write(text, start, end);
                start = end;
            }
            if (ch != -1) {
                spaces = ch == ' ';
                breaks = isBreak(ch);
            }
        }
    }

    void singleQuoted() {
        emitter.writeIndicator("'", true, false, false);
        boolean spaces = false;
        boolean breaks = false;
        int start = 0;
        for (int end = 0; end <= text.length; end++) {
            int ch = end < text.length ? text[end] : -1;
            if (spaces) {
                if (ch != ' ') {
                    if (start + 1 == end && emitter.column() > emitter.width() && split
                            && start != 0 && end != text.length) {
                        emitter.writeIndent();
                    } else {
                        emitter.write(text, start, end);
                    }
                    start = end;
                }
            } else if (breaks) {
                if (ch == -1 || !isBreak(ch)) {
                    if (text[start] == '\n') {
                        emitter.writeLineBreak(null);
                    }
                    writeBreaks(start, end);
                    emitter.writeIndent();
                    start = end;
                }
            } else if (ch == -1 || ch == ' ' || isBreak(ch) || ch == '\'') {
                if (start < end) {
                    emitter.write(text, start, end);
                    start = end;
                }
            }
            if (ch == '\'') {
                emitter.writeRaw("''");
                start = end + 1;
            }
            if (ch != -1) {
                spaces = ch == ' ';
                breaks = isBreak(ch);
            }
        }
        emitter.writeIndicator("'", false, false, false);
    }

    void doubleQuoted() {
        emitter.writeIndicator("\"", true, false, false);
        int start = 0;
        for (int end = 0; end <= text.length; end++) {
            int ch = end < text.length ? text[end] : -1;
            if (ch == -1 || needsEscape(ch)) {
                if (start < end) {
                    emitter.write(text, start, end);
                    start = end;
                }
                if (ch != -1) {
                    emitter.writeRaw(escape(ch));
                    start = end + 1;
                }
            }
            if (end > 0 && end < text.length - 1 && (ch == ' ' || start >= end)
                    && emitter.column() + (end - start) > emitter.width() && split) {
                String data = new String(text, start, Math.max(0, end - start)) + "\\";
                if (start < end) {
                    start = end;
                }
                emitter.writeRaw(data);
                emitter.writeIndent();
                emitter.setWhitespace(false);
                emitter.setIndention(false);
                if (text[start] == ' ') {
                    emitter.writeRaw("\\");
                }
            }
        }
        emitter.writeIndicator("\"", false, false, false);
    }

    private void writeBreaks(int start, int end) {
        for (int i = start; i < end; i++) {
            emitter.writeLineBreak(text[i] == '\n' ? null : new String(Character.toChars(text[i])));
        }
    }

    private static boolean needsEscape(int ch) {
        if (ch == '"' || ch == '\\' || ch == 0x85 || ch == 0x2028 || ch == 0x2029 || ch == 0xfeff) {
            return true;
        }
        return !((ch >= 0x20 && ch <= 0x7e) || (ch >= 0xa0 && ch <= 0xd7ff) || (ch >= 0xe000 && ch <= 0xfffd));
    }

    private static String escape(int ch) {
        return switch (ch) {
            case 0 -> "\\0";
            case 0x07 -> "\\a";
            case 0x08 -> "\\b";
            case 0x09 -> "\\t";
            case 0x0a -> "\\n";
            case 0x0b -> "\\v";
            case 0x0c -> "\\f";
            case 0x0d -> "\\r";
            case 0x1b -> "\\e";
            case '"' -> "\\\"";
            case '\\' -> "\\\\";
            case 0x85 -> "\\N";
            case 0xa0 -> "\\_";
            case 0x2028 -> "\\L";
            case 0x2029 -> "\\P";
            default -> ch <= 0xff ? String.format("\\x%02X", ch)
                    : ch <= 0xffff ? String.format("\\u%04X", ch) : String.format("\\U%08X", ch);
        };
    }
}
