package io.pgha.cli;

import io.pgha.cli.render.OutputFormat;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code -f/--format}: a bad value is a usage error worded as click words it. */
final class FormatOption implements ITypeConverter<OutputFormat> {
    @Override
    public OutputFormat convert(String value) {
        return OutputFormat.fromOption(value).orElseThrow(() -> new TypeConversionException(
                "'" + value + "' is not one of 'pretty', 'tsv', 'json', 'yaml', 'yml'."));
    }
}
