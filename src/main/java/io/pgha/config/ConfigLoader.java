package io.pgha.config;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Loads Patroni's YAML configuration from a file, or from a directory of {@code *.yml}/{@code *.yaml}
 * files merged in name order (later files win, {@code null} deletes a key), as config.md §1.1 says.
 * Environment variables are applied separately ({@link EnvironmentOverrides}).
 */
public final class ConfigLoader {
    private ConfigLoader() {
    }

    /** @throws ConfigException when the path is missing or a file is malformed (with file:line:column) */
    public static PatroniConfig load(Path path) {
        List<Path> files = filesOf(path);
        Map<String, Object> tree = new LinkedHashMap<>();
        Origins origins = new Origins();
        for (Path file : files) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                merge(tree, origins, YamlReader.read(reader, file.toString()), file.toString());
            } catch (IOException e) {
                throw new ConfigException("config error: " + file + ": cannot read: " + YamlReader.reason(e), e);
            }
        }
        return new PatroniConfig(tree, origins, path.toString());
    }

    /** Parses a whole configuration held in a string, e.g. {@code PATRONI_CONFIGURATION}. */
    public static PatroniConfig parse(String yaml, String source) {
        Map<String, Object> tree = new LinkedHashMap<>();
        Origins origins = new Origins();
        merge(tree, origins, YamlReader.read(new StringReader(yaml), source), source);
        return new PatroniConfig(tree, origins, source);
    }

    private static List<Path> filesOf(Path path) {
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        if (!Files.isDirectory(path)) {
            throw new ConfigException("config error: " + path
                    + (Files.exists(path) ? ": neither a file nor a directory" : ": no such file or directory"));
        }
        try (Stream<Path> entries = Files.list(path)) {
            List<String> names = new ArrayList<>();
            entries.filter(Files::isRegularFile)
                    .map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".yml") || name.endsWith(".yaml"))
                    .forEach(names::add);
            names.sort(null);
            return names.stream().map(path::resolve).toList();
        } catch (IOException e) {
            throw new ConfigException("config error: " + path + ": cannot list: " + YamlReader.reason(e), e);
        }
    }

    private static void merge(Map<String, Object> tree, Origins origins, YamlReader.Document document, String source) {
        Object root = document.root();
        if (root == null) {
            // Patroni fails on an empty file; a file holding only comments is harmless, so it counts as {}.
            return;
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new ConfigException("config error: " + source + ":" + document.line() + ":" + document.column()
                    + ": the top level must be a mapping (key: value), got " + Section.kind(root));
        }
        Trees.patch(tree, Trees.asTree(map), List.of(), origins, document.origins());
    }
}
