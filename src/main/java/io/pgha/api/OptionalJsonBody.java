package io.pgha.api;

import io.pgha.dcs.Json;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Patroni's {@code _read_json_content(body_is_optional=True)}: no {@code Content-Length} or a length of
 * 0 is an empty object; otherwise the body must be a JSON object, else the request gets the stock 400 page.
 */
final class OptionalJsonBody {
    private OptionalJsonBody() {
    }

    /** The body's object, or empty when the request deserves a 400. */
    static Optional<Map<String, Object>> read(ApiRequest request) {
        String length = request.headers().get("content-length");
        if (length == null || length.isBlank() && request.body().length == 0) {
            return Optional.of(Map.of());
        }
        long declared;
        try {
            declared = Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (declared == 0) {
            return Optional.of(Map.of());
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(request.body())).toString();
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
        Optional<Object> parsed = Json.parse(text);
        if (parsed.isPresent() && parsed.get() instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) map;
            return Optional.of(object);
        }
        return Optional.empty();
    }

    static ApiResponse badRequest() {
        return ApiResponse.error(400);
    }
}
