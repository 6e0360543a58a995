package io.pgha.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PyTextTest {

    @ParameterizedTest(name = "{0} bytes -> {1} MB")
    @CsvSource({
            "0, 0",
            "524288, 0",      // exactly half of 1 MB: to even 0
            "524289, 1",
            "1572864, 2",     // 1.5 MB: to even 2
            "2097202, 2",     // observed by patronictl.md §2.1
            "2621440, 2",     // 2.5 MB: to even 2
            "4999900, 5",     // observed by patronictl.md §2.1
            "16777216, 16",   // healthy capture: node3 16 MB behind
    })
    void lagInMegabytesRoundsHalfToEvenLikePython(long bytes, long megabytes) {
        assertEquals(megabytes, PyText.roundMegabytes(bytes));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "1.5, 1.5",
            "100.0, 100.0",
            "0.1, 0.1",
            "1e16, 1e+16",
            "1234567890123456.0, 1234567890123456.0",
            "0.0001, 0.0001",
            "0.00001, 1e-05",
            "-2.5e-07, -2.5e-07",
            "0.30000000000000004, 0.30000000000000004",
            "1.7976931348623157e308, 1.7976931348623157e+308",
    })
    void floatsPrintAsPythonReprPrintsThem(double value, String python) {
        assertEquals(python, PyText.floatRepr(value));
    }

    @Test
    void strOfJsonValuesIsPythonText() {
        assertEquals("None", PyText.str(null));
        assertEquals("True", PyText.str(true));
        assertEquals("False", PyText.str(false));
        assertEquals("3", PyText.str(3L));
        assertEquals("running", PyText.str("running"));
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("a", "it's");
        map.put("b", List.of(1L, true));
        assertEquals("{'a': \"it's\", 'b': [1, True]}", PyText.str(map));
        assertEquals("{}", PyText.str(Map.of()));
    }
}
