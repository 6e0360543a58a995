package io.pgha.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.pgha.dcs.Json;
import java.util.Optional;

/** A member's answer: the HTTP status and the body as text. */
public record NodeResponse(int status, String body) {

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** The body as a JSON object, if it is one. */
    public Optional<JsonNode> json() {
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }
}
