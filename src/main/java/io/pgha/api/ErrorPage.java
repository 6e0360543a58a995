package io.pgha.api;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The stock error page of Python's {@code BaseHTTPRequestHandler.send_error}, which Patroni answers
 * with for 400/411/501/502/503 and which patronictl matches on ({@code Server does not support this
 * operation} on a 501 makes it retry a switchover as a failover).
 */
final class ErrorPage {
    static final String CONTENT_TYPE = "text/html;charset=utf-8";

    /** Python's {@code http.HTTPStatus} phrase and description for the codes the API produces. */
    private static final Map<Integer, String[]> TEXTS = Map.ofEntries(
            Map.entry(400, new String[] {"Bad Request", "Bad request syntax or unsupported method"}),
            Map.entry(401, new String[] {"Unauthorized", "No permission -- see authorization schemes"}),
            Map.entry(403, new String[] {"Forbidden", "Request forbidden -- authorization will not help"}),
            Map.entry(404, new String[] {"Not Found", "Nothing matches the given URI"}),
            Map.entry(409, new String[] {"Conflict", "Request conflict"}),
            Map.entry(411, new String[] {"Length Required", "Client must specify Content-Length"}),
            Map.entry(412, new String[] {"Precondition Failed", "Precondition in headers is false"}),
            Map.entry(413, new String[] {"Request Entity Too Large", "Entity is too large"}),
            Map.entry(500, new String[] {"Internal Server Error", "Server got itself in trouble"}),
            Map.entry(501, new String[] {"Not Implemented", "Server does not support this operation"}),
            Map.entry(502, new String[] {"Bad Gateway", "Invalid responses from another server/proxy"}),
            Map.entry(503, new String[] {"Service Unavailable",
                    "The server cannot process the request due to a high load"}));

    private ErrorPage() {
    }

    /** The page for {@code status}; {@code message} replaces the phrase, as {@code send_error(code, message)} does. */
    static ApiResponse of(int status, String message) {
        String[] texts = TEXTS.getOrDefault(status, new String[] {"???", "???"});
        String body = "<!DOCTYPE HTML>\n"
                + "<html lang=\"en\">\n"
                + "    <head>\n"
                + "        <meta charset=\"utf-8\">\n"
                + "        <title>Error response</title>\n"
                + "    </head>\n"
                + "    <body>\n"
                + "        <h1>Error response</h1>\n"
                + "        <p>Error code: " + status + "</p>\n"
                + "        <p>Message: " + escape(message == null ? texts[0] : message) + ".</p>\n"
                + "        <p>Error code explanation: " + status + " - " + escape(texts[1]) + ".</p>\n"
                + "    </body>\n"
                + "</html>\n";
        return new ApiResponse(status, CONTENT_TYPE, body.getBytes(StandardCharsets.UTF_8), Map.of(), false);
    }

    /** {@code html.escape(text, quote=False)}. */
    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
