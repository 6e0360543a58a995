package io.pgha.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Error pages are Python's send_error pages, which patronictl reads (501 → retry as a failover). */
class ErrorPageTest {

    @Test
    void badGatewayPage() {
        ApiResponse page = ApiResponse.error(502);
        assertEquals(502, page.status());
        assertEquals("text/html;charset=utf-8", page.contentType());
        assertEquals(page("502", "Bad Gateway", "Invalid responses from another server/proxy"), page.bodyText());
    }

    @Test
    void unsupportedMethodPageNamesTheMethod() {
        ApiResponse page = ApiResponse.error(501, "Unsupported method ('PUT')");
        assertEquals(page("501", "Unsupported method ('PUT')", "Server does not support this operation"),
                page.bodyText());
    }

    /** http.server.DEFAULT_ERROR_MESSAGE of Python 3.11, as Patroni's nodes send it. */
    private static String page(String code, String message, String explain) {
        return "<!DOCTYPE HTML>\n<html lang=\"en\">\n    <head>\n        <meta charset=\"utf-8\">\n"
                + "        <title>Error response</title>\n    </head>\n    <body>\n        <h1>Error response</h1>\n"
                + "        <p>Error code: " + code + "</p>\n        <p>Message: " + message + ".</p>\n"
                + "        <p>Error code explanation: " + code + " - " + explain + ".</p>\n    </body>\n</html>\n";
    }
}
