package io.pgha.dcs;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Optional;

/** The one JSON mapper for DCS values: compact, ASCII-escaped output as Patroni writes it; lenient input. */
public final class Json {
    public static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .build();

    private Json() {
    }

    /** Parses any JSON value; empty when the text is not JSON. */
    public static Optional<Object> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(MAPPER.readValue(text, Object.class));
        } catch (JsonProcessingException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Compact JSON, insertion order kept. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
