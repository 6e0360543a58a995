package io.pgha.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code ?lag=} reads sizes as Patroni's parse_int(value, 'B') does. */
class ByteSizeTest {

    @ParameterizedTest(name = "{0} = {1} bytes")
    @CsvSource(delimiter = '|', value = {
        "1024|1024", "0|0", "-1|-1", "1B|1", "1kB|1024", "1MB|1048576", "1GB|1073741824", "1TB|1099511627776",
        "1.5MB|1572864", "' 5 MB '|5242880", "0x10|16", "010|8", "1e3|1000", "2.5|2", "3.5|4", "0.0001kB|0"})
    void parses(String text, long bytes) {
        assertEquals(bytes, ByteSize.parse(text));
    }

    @ParameterizedTest(name = "{0} means no limit")
    @ValueSource(strings = {"1mb", "1 KB", "abc", "", "09", "MB", "1 MiB"})
    void refuses(String text) {
        assertNull(ByteSize.parse(text));
    }
}
