package io.pgha.cli.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The YAML emitter against what PyYAML 6.0's {@code safe_dump(..., allow_unicode=True, width=200)}
 * writes (expected values produced by PyYAML): a string is quoted exactly when PyYAML quotes it.
 */
class PyYamlTest {

    static Stream<Arguments> strings() {
        return Stream.of(
                Arguments.of("*", "k: '*'\n", "{k: '*'}\n"),
                Arguments.of("on", "k: 'on'\n", "{k: 'on'}\n"),
                Arguments.of("off", "k: 'off'\n", "{k: 'off'}\n"),
                Arguments.of("yes", "k: 'yes'\n", "{k: 'yes'}\n"),
                Arguments.of("No", "k: 'No'\n", "{k: 'No'}\n"),
                Arguments.of("true", "k: 'true'\n", "{k: 'true'}\n"),
                Arguments.of("False", "k: 'False'\n", "{k: 'False'}\n"),
                Arguments.of("null", "k: 'null'\n", "{k: 'null'}\n"),
                Arguments.of("~", "k: '~'\n", "{k: '~'}\n"),
                Arguments.of("", "k: ''\n", "{k: ''}\n"),
                Arguments.of(" ", "k: ' '\n", "{k: ' '}\n"),
                Arguments.of("2026-11-25T21:54:55.957541+00:00", "k: '2026-11-25T21:54:55.957541+00:00'\n", "{k: '2026-11-25T21:54:55.957541+00:00'}\n"),
                Arguments.of("2026-11-25", "k: '2026-11-25'\n", "{k: '2026-11-25'}\n"),
                Arguments.of("2026-11-25 21:54:55", "k: '2026-11-25 21:54:55'\n", "{k: '2026-11-25 21:54:55'}\n"),
                Arguments.of("12", "k: '12'\n", "{k: '12'}\n"),
                Arguments.of("-3", "k: '-3'\n", "{k: '-3'}\n"),
                Arguments.of("0x1F", "k: '0x1F'\n", "{k: '0x1F'}\n"),
                Arguments.of("017", "k: '017'\n", "{k: '017'}\n"),
                Arguments.of("1_000", "k: '1_000'\n", "{k: '1_000'}\n"),
                Arguments.of("1:20", "k: '1:20'\n", "{k: '1:20'}\n"),
                Arguments.of("1.5", "k: '1.5'\n", "{k: '1.5'}\n"),
                Arguments.of(".5", "k: '.5'\n", "{k: '.5'}\n"),
                Arguments.of("1e3", "k: 1e3\n", "{k: 1e3}\n"),
                Arguments.of("1.0e+3", "k: '1.0e+3'\n", "{k: '1.0e+3'}\n"),
                Arguments.of(".inf", "k: '.inf'\n", "{k: '.inf'}\n"),
                Arguments.of(".NaN", "k: '.NaN'\n", "{k: '.NaN'}\n"),
                Arguments.of("<<", "k: '<<'\n", "{k: '<<'}\n"),
                Arguments.of("=", "k: '='\n", "{k: '='}\n"),
                Arguments.of("32MB", "k: 32MB\n", "{k: 32MB}\n"),
                Arguments.of("0/4000060", "k: 0/4000060\n", "{k: 0/4000060}\n"),
                Arguments.of("no recovery target specified", "k: no recovery target specified\n", "{k: no recovery target specified}\n"),
                Arguments.of(" lead", "k: ' lead'\n", "{k: ' lead'}\n"),
                Arguments.of("trail ", "k: 'trail '\n", "{k: 'trail '}\n"),
                Arguments.of("a: b", "k: 'a: b'\n", "{k: 'a: b'}\n"),
                Arguments.of("a:b", "k: a:b\n", "{k: 'a:b'}\n"),
                Arguments.of("a #b", "k: 'a #b'\n", "{k: 'a #b'}\n"),
                Arguments.of("a#b", "k: a#b\n", "{k: a#b}\n"),
                Arguments.of("#comment", "k: '#comment'\n", "{k: '#comment'}\n"),
                Arguments.of("- x", "k: '- x'\n", "{k: '- x'}\n"),
                Arguments.of("-x", "k: -x\n", "{k: -x}\n"),
                Arguments.of("? x", "k: '? x'\n", "{k: '? x'}\n"),
                Arguments.of(":x", "k: :x\n", "{k: ':x'}\n"),
                Arguments.of("[x]", "k: '[x]'\n", "{k: '[x]'}\n"),
                Arguments.of("x]", "k: x]\n", "{k: 'x]'}\n"),
                Arguments.of("x, y", "k: x, y\n", "{k: 'x, y'}\n"),
                Arguments.of("&a", "k: '&a'\n", "{k: '&a'}\n"),
                Arguments.of("!tag", "k: '!tag'\n", "{k: '!tag'}\n"),
                Arguments.of("|", "k: '|'\n", "{k: '|'}\n"),
                Arguments.of("'q'", "k: '''q'''\n", "{k: '''q'''}\n"),
                Arguments.of("\"q\"", "k: '\"q\"'\n", "{k: '\"q\"'}\n"),
                Arguments.of("%p", "k: '%p'\n", "{k: '%p'}\n"),
                Arguments.of("@at", "k: '@at'\n", "{k: '@at'}\n"),
                Arguments.of("---", "k: '---'\n", "{k: '---'}\n"),
                Arguments.of("\u00e9\ud83d\ude00\u4e2d", "k: \u00e9\ud83d\ude00\u4e2d\n", "{k: \u00e9\ud83d\ude00\u4e2d}\n"),
                Arguments.of("a\u0001b", "k: \"a\\x01b\"\n", "{k: \"a\\x01b\"}\n"),
                Arguments.of("tab\there", "k: \"tab\\there\"\n", "{k: \"tab\\there\"}\n"),
                Arguments.of("multi\nline", "k: 'multi\n\n  line'\n", "{k: 'multi\n\n    line'}\n"),
                Arguments.of("\ufeffbom", "k: \"\\uFEFFbom\"\n", "{k: \"\\uFEFFbom\"}\n"),
                Arguments.of("it's", "k: it's\n", "{k: it's}\n"),
                Arguments.of("https://x.y/z?a=1", "k: https://x.y/z?a=1\n", "{k: 'https://x.y/z?a=1'}\n"),
                Arguments.of("test ! -f /a/%f && cp %p /a/%f", "k: test ! -f /a/%f && cp %p /a/%f\n", "{k: test ! -f /a/%f && cp %p /a/%f}\n"),
                Arguments.of("\"$user\", public", "k: '\"$user\", public'\n", "{k: '\"$user\", public'}\n")
        );
    }

    @ParameterizedTest(name = "[{index}] {2}")
    @MethodSource("strings")
    void stringIsQuotedOnlyWherePyYamlQuotesIt(String value, String block, String flow) {
        Map<String, Object> document = Map.of("k", value);
        assertEquals(block, PyYaml.dump(document));
        assertEquals(flow, PyYaml.dump(document, true));
    }

    private static Map<String, Object> mixed() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("b", 1L);
        nested.put("a", List.of(3L));
        List<Object> numbers = new ArrayList<>(List.of(1L, -2L, 1.5, 1e17, 1e-05, 0.1, 100.0, true, false));
        numbers.add(null);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("numbers", numbers);
        document.put("empty_map", Map.of());
        document.put("empty_list", List.of());
        document.put("nested", List.of(List.of(1L, 2L), nested));
        return document;
    }

    @Test
    void blockStyleSortsKeysAndWritesSequencesInMappingsWithoutIndent() {
        assertEquals("""
                empty_list: []
                empty_map: {}
                nested:
                - - 1
                  - 2
                - a:
                  - 3
                  b: 1
                numbers:
                - 1
                - -2
                - 1.5
                - 1.0e+17
                - 1.0e-05
                - 0.1
                - 100.0
                - true
                - false
                - null
                """, PyYaml.dump(mixed()));
    }

    @Test
    void flowStyleWritesEverythingOnOneLine() {
        assertEquals("{empty_list: [], empty_map: {}, nested: [[1, 2], {a: [3], b: 1}], "
                + "numbers: [1, -2, 1.5, 1.0e+17, 1.0e-05, 0.1, 100.0, true, false, null]}\n", PyYaml.dump(mixed(), true));
    }

    @Test
    void longTextFoldsAtTheFirstSpacePastColumn200() {
        String words = IntStream.range(0, 40).mapToObj(i -> String.format("word%02d", i)).collect(Collectors.joining(" "));
        assertEquals("archive_command: " + words.substring(0, words.indexOf(" word27")) + "\n  "
                + words.substring(words.indexOf("word27")) + "\n", PyYaml.dump(Map.of("archive_command", words)));
        assertEquals("- k: " + words.substring(0, words.indexOf(" word29")) + "\n    "
                + words.substring(words.indexOf("word29")) + "\n", PyYaml.dump(List.of(Map.of("k", words))));
    }

    @Test
    void keyOfMoreThan122CharactersBecomesAnExplicitKey() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("x".repeat(123), 2L);
        document.put("k".repeat(122), 1L);
        assertEquals("k".repeat(122) + ": 1\n? " + "x".repeat(123) + "\n: 2\n", PyYaml.dump(document));
    }

    @Test
    void scalarDocumentIsClosedWithDocumentEndMarker() {
        assertEquals("abc\n...\n", PyYaml.dump("abc"));
        assertEquals("[]\n", PyYaml.dump(List.of()));
    }
}
