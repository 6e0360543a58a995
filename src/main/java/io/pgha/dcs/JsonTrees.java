package io.pgha.dcs;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * jackson-databind's tree model, configured as {@link Json}, for the agent side. Kept apart from
 * {@link Json} so that CLI commands, which only need plain maps, never load databind.
 */
public final class JsonTrees {
    public static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .build();

    private JsonTrees() {
    }
}
