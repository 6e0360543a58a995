package io.pgha.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressLineTest {

    @Test
    void onATerminalTheLineIsRewrittenInPlaceAndErasedAtTheEnd() {
        StringWriter out = new StringWriter();
        try (ProgressLine line = new ProgressLine(new PrintWriter(out, true), true)) {
            line.update("waiting for node2");
            line.update("waiting for node3");
        }
        String text = out.toString();
        assertTrue(text.startsWith("\r\033[2Kwaiting for node2 ... 0 s\r\033[2Kwaiting for node3 ... "), text);
        assertTrue(text.endsWith("\r\033[2K"), text);
        assertTrue(!text.contains("\n"), "a progress line never adds lines: " + text);
    }

    @Test
    void offATerminalNothingIsPrinted() {
        StringWriter out = new StringWriter();
        try (ProgressLine line = new ProgressLine(new PrintWriter(out, true), false)) {
            line.update("waiting for node2");
        }
        assertEquals("", out.toString());
    }
}
