package io.pgha.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A write endpoint's JSON body, accepted as Patroni's {@code _read_json_content} accepts it (rest-api.md §1):
 * 411 without {@code Content-Length}; 400 unless the body is strict UTF-8 JSON holding an object, a
 * non-empty one unless the body is optional (then no body or length 0 is {@code {}}). Both refusals are
 * the framework's error page, as Patroni sends them.
 */
record JsonRequestBody(Map<String, Object> fields, ApiResponse refusal) {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    static JsonRequestBody read(ApiRequest request, boolean optional) {
        String length = request.headers().get("content-length");
        if (length == null) {
            return optional ? new JsonRequestBody(Map.of(), null) : refused(411);
        }
        if (optional && request.body().length == 0) {
            return new JsonRequestBody(Map.of(), null);
        }
        Object parsed = parse(request.body());
        if (parsed instanceof Map<?, ?> map && (optional || !map.isEmpty())) {
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = (Map<String, Object>) map;
            return new JsonRequestBody(fields, null);
        }
        return refused(400);
    }

    boolean refused() {
        return refusal != null;
    }

    /** The value, or null when the bytes are not one strict UTF-8 JSON value. */
    static Object parse(byte[] body) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
            if (text.isBlank()) {
                return null;
            }
            return MAPPER.readValue(text, Object.class);
        } catch (CharacterCodingException | com.fasterxml.jackson.core.JacksonException | RuntimeException e) {
            return null;
        }
    }

    private static JsonRequestBody refused(int status) {
        return new JsonRequestBody(null, ApiResponse.error(status));
    }
}
