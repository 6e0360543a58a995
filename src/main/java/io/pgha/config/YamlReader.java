package io.pgha.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.fasterxml.jackson.dataformat.yaml.snakeyaml.error.Mark;
import com.fasterxml.jackson.dataformat.yaml.snakeyaml.error.MarkedYAMLException;
import java.io.IOException;
import java.io.Reader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one YAML document into a generic tree (LinkedHashMap / ArrayList / String / Integer / Long /
 * BigInteger / Double / Boolean / null) and records the line and column of every mapping key.
 * Walks Jackson's token stream rather than using readTree because readTree does not resolve aliases
 * ({@code *name}) and YAML merge keys ({@code <<}), which PyYAML (and so Patroni) supports.
 */
final class YamlReader {
    private static final YAMLFactory FACTORY = new YAMLFactory();

    /** The document's root value ({@code null} for an empty document) and where it starts. */
    record Document(Object root, int line, int column, Origins origins) {
    }

    private final YAMLParser parser;
    private final String source;
    private final Origins origins = new Origins();
    private final Map<String, Object> anchors = new HashMap<>();

    private YamlReader(YAMLParser parser, String source) {
        this.parser = parser;
        this.source = source;
    }

    /**
     * @param source how errors and origins name the text: a file path or a variable name
     * @throws ConfigException {@code config error: <source>:<line>:<column>: <problem>}
     */
    @SuppressWarnings("deprecation") // Jackson's MarkedYAMLException is the only declared API exposing the problem mark
    static Document read(Reader text, String source) {
        try (YAMLParser parser = FACTORY.createParser(text)) {
            return new YamlReader(parser, source).document();
        } catch (MarkedYAMLException e) {
            throw new ConfigException(describe(e, source), e);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new ConfigException("config error: " + source + at(at) + ": " + firstLine(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new ConfigException("config error: " + source + ": cannot read: " + reason(e), e);
        }
    }

    private Document document() throws IOException {
        JsonToken token = parser.nextToken();
        if (token == null) {
            return new Document(null, 1, 1, origins);
        }
        JsonLocation start = parser.currentTokenLocation();
        Object root = value(List.of());
        if (parser.nextToken() != null) {
            throw new ConfigException("config error: " + source + at(parser.currentTokenLocation())
                    + ": expected a single document, found a second one");
        }
        return new Document(root, start.getLineNr(), start.getColumnNr(), origins);
    }

    /** Reads the value starting at the current token. */
    private Object value(List<String> path) throws IOException {
        JsonToken token = parser.currentToken();
        if (parser.isCurrentAlias()) {
            String name = parser.getText();
            if (!anchors.containsKey(name)) {
                throw new ConfigException("config error: " + source + at(parser.currentTokenLocation())
                        + ": unknown alias *" + name);
            }
            return Trees.mutableCopy(anchors.get(name));
        }
        String anchor = parser.getObjectId();
        Object value = switch (token) {
            case START_OBJECT -> mapping(path);
            case START_ARRAY -> sequence(path);
            case VALUE_NUMBER_INT -> integer(parser.getNumberValue());
            case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> parser.getText();
        };
        if (anchor != null) {
            anchors.put(anchor, value);
        }
        return value;
    }

    private Map<String, Object> mapping(List<String> path) throws IOException {
        Map<String, Object> explicit = new LinkedHashMap<>();
        List<Map<?, ?>> merged = new ArrayList<>();
        String mergeOrigin = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            String origin = source + at(parser.currentTokenLocation());
            parser.nextToken();
            List<String> child = Origins.child(path, key);
            Object value = value(child);
            if ("<<".equals(key) && isMergeSource(value)) {
                merged.addAll(mergeSources(value));
                mergeOrigin = origin;
            } else {
                explicit.put(key, value);
                origins.put(child, origin);
            }
        }
        if (merged.isEmpty()) {
            return explicit;
        }
        // As in PyYAML: explicit keys win over merged ones, and the first merge source wins over later ones.
        Map<String, Object> result = new LinkedHashMap<>();
        for (int i = merged.size() - 1; i >= 0; i--) {
            for (Map.Entry<?, ?> e : merged.get(i).entrySet()) {
                String key = String.valueOf(e.getKey());
                result.put(key, Trees.mutableCopy(e.getValue()));
                if (!explicit.containsKey(key)) {
                    origins.put(Origins.child(path, key), mergeOrigin);
                }
            }
        }
        result.putAll(explicit);
        return result;
    }

    private static boolean isMergeSource(Object value) {
        return value instanceof Map<?, ?> || value instanceof List<?> list && list.stream().allMatch(v -> v instanceof Map<?, ?>);
    }

    private static List<Map<?, ?>> mergeSources(Object value) {
        List<Map<?, ?>> sources = new ArrayList<>();
        if (value instanceof Map<?, ?> map) {
            sources.add(map);
        } else {
            for (Object item : (List<?>) value) {
                sources.add((Map<?, ?>) item);
            }
        }
        return sources;
    }

    private List<Object> sequence(List<String> path) throws IOException {
        List<Object> list = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            list.add(value(Origins.child(path, Integer.toString(list.size()))));
        }
        return list;
    }

    private static Object integer(Number number) {
        if (number instanceof BigInteger big) {
            return big.bitLength() < 64 ? (Object) big.longValue() : big;
        }
        long value = number.longValue();
        return value == (int) value ? (Object) (int) value : (Object) value;
    }

    @SuppressWarnings("deprecation")
    private static String describe(MarkedYAMLException e, String source) {
        Mark problemMark = e.getProblemMark();
        String where = problemMark == null ? at(e.getLocation())
                : ":" + (problemMark.getLine() + 1) + ":" + (problemMark.getColumn() + 1);
        String problem = e.getProblem() == null ? firstLine(e.getOriginalMessage()) : e.getProblem();
        StringBuilder message = new StringBuilder("config error: ").append(source).append(where).append(": ")
                .append(oneLine(problem));
        Mark contextMark = e.getContextMark();
        if (e.getContext() != null) {
            message.append(" (").append(oneLine(e.getContext()));
            if (contextMark != null) {
                message.append(" started at ").append(contextMark.getLine() + 1).append(':')
                        .append(contextMark.getColumn() + 1);
            }
            message.append(')');
        }
        return message.toString();
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return ":" + location.getLineNr() + ":" + location.getColumnNr();
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "invalid YAML";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*\\n\\s*", " ").trim();
    }

    static String reason(IOException e) {
        if (e instanceof java.nio.charset.CharacterCodingException) {
            return "not UTF-8 text";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
