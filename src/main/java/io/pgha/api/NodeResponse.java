package io.pgha.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.pgha.dcs.Json;
import io.pgha.dcs.JsonTrees;
import java.util.Map;
import java.util.Optional;

/** A member's answer: the HTTP status and the body as text. */
public record NodeResponse(int status, String body) {

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** The body as a JSON object of plain maps and lists, if it is one; loads no jackson-databind class. */
    @SuppressWarnings("unchecked")
    public Optional<Map<String, Object>> document() {
        return Json.parse(body).filter(Map.class::isInstance).map(value -> (Map<String, Object>) value);
    }

    /** The body as a JSON object, if it is one. */
    public Optional<JsonNode> json() {
        try {
            JsonNode node = JsonTrees.MAPPER.readTree(body);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }
}
