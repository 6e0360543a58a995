package io.pgha.cli;

import io.pgha.cli.render.OutputFormat;
import java.util.Iterator;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code -f/--format}: a bad value is a usage error worded as click words it. */
final class FormatOption implements ITypeConverter<OutputFormat> {
    @Override
    public OutputFormat convert(String value) {
        return OutputFormat.fromOption(value).orElseThrow(() -> new TypeConversionException(
                "'" + value + "' is not one of 'pretty', 'tsv', 'json', 'yaml', 'yml'."));
    }

    /** What shell completion offers for {@code -f}: the names the option accepts (yml is only an alias). */
    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("pretty", "tsv", "json", "yaml").iterator();
        }
    }
}
