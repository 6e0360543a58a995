package io.pgha.dcs;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * JSON of DCS values as plain maps, lists, strings, longs, doubles and booleans: compact, ASCII-escaped
 * output as Patroni writes it; lenient input. Built on jackson-core's streaming API only, because
 * loading jackson-databind costs every CLI command about a third of a second.
 */
public final class Json {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .build();

    private Json() {
    }

    /**
     * Parses any JSON value: objects as {@link LinkedHashMap} (a repeated key keeps its first position and
     * its last value), arrays as {@link ArrayList}, integers as {@link Long}, other numbers as {@link Double}.
     * Empty when the text is not JSON, is {@code null} or holds an integer beyond 64 bits; text after the
     * first value is not read.
     */
    public static Optional<Object> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken first = parser.nextToken();
            return first == null ? Optional.empty() : Optional.ofNullable(value(parser, first));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Compact JSON, insertion order kept. Values: maps, collections, strings, numbers, booleans, enums, null. */
    public static String write(Object value) {
        StringWriter text = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(text)) {
            write(generator, value);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("cannot encode as JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot encode as JSON: " + e.getMessage(), e);
        }
        return text.toString();
    }

    private static Object value(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
                    object.put(name, value(parser, parser.nextToken()));
                }
                return object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                for (JsonToken item = parser.nextToken(); item != JsonToken.END_ARRAY; item = parser.nextToken()) {
                    array.add(value(parser, item));
                }
                return array;
            }
            case VALUE_STRING -> {
                return parser.getText();
            }
            case VALUE_NUMBER_INT -> {
                return parser.getLongValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                return parser.getDoubleValue();
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new IOException("unexpected " + token);
        }
    }

    private static void write(JsonGenerator generator, Object value) throws IOException {
        if (value == null) {
            generator.writeNull();
        } else if (value instanceof CharSequence text) {
            generator.writeString(text.toString());
        } else if (value instanceof Boolean bool) {
            generator.writeBoolean(bool);
        } else if (value instanceof Number number) {
            writeNumber(generator, number);
        } else if (value instanceof Map<?, ?> map) {
            generator.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (entry.getKey() == null) {
                    throw new IllegalArgumentException("cannot encode as JSON: a map has a null key");
                }
                generator.writeFieldName(entry.getKey().toString());
                write(generator, entry.getValue());
            }
            generator.writeEndObject();
        } else if (value instanceof Iterable<?> items) {
            generator.writeStartArray();
            for (Object item : items) {
                write(generator, item);
            }
            generator.writeEndArray();
        } else if (value instanceof Enum<?> constant) {
            generator.writeString(constant.name());
        } else {
            throw new IllegalArgumentException("cannot encode as JSON: " + value.getClass().getName());
        }
    }

    private static void writeNumber(JsonGenerator generator, Number number) throws IOException {
        if (number instanceof Long || number instanceof Integer || number instanceof Short || number instanceof Byte) {
            generator.writeNumber(number.longValue());
        } else if (number instanceof Double d) {
            generator.writeNumber(d);
        } else if (number instanceof Float f) {
            generator.writeNumber(f);
        } else if (number instanceof BigInteger big) {
            generator.writeNumber(big);
        } else if (number instanceof BigDecimal decimal) {
            generator.writeNumber(decimal);
        } else {
            generator.writeNumber(number.toString());
        }
    }
}
