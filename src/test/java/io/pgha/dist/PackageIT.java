package io.pgha.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.testing.CommandResult;
import io.pgha.testing.Commands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packages of {@code mvn -B package -Pdist}, looked at with the tools that install them: dpkg-deb
 * for the .deb (fields, files, links, maintainer scripts), tar for the tarball, and both unpacked
 * trees run pgha and its patronictl link; systemd-analyze verifies the shipped units.
 */
class PackageIT {
    private static final Path PROJECT = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    private static final Path TARGET = PROJECT.resolve("target");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static Path deb;
    private static Path tarball;
    private static Path work;

    @BeforeAll
    static void findPackages() throws IOException {
        deb = single("pgha_", "_all.deb");
        tarball = single("pgha-", "-bin.tar.gz");
        work = Files.createTempDirectory("pgha-package-");
    }

    private static Path single(String prefix, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(TARGET)) {
            List<Path> found = files.filter(p -> {
                String name = p.getFileName().toString();
                return name.startsWith(prefix) && name.endsWith(suffix);
            }).toList();
            assertEquals(1, found.size(), "expected one " + prefix + "*" + suffix + " in " + TARGET
                    + " (built by mvn -B package -Pdist, which dist/dev/test runs): " + found);
            return found.get(0);
        }
    }

    @Test
    void theDebDeclaresItselfAsAnArchitectureIndependentPackageNeedingJava17() {
        String info = ok(List.of("dpkg-deb", "--field", deb.toString(), "Package", "Architecture", "Depends"));
        assertTrue(info.contains("Package: pgha"), info);
        assertTrue(info.contains("Architecture: all"), info);
        assertTrue(info.contains("java17-runtime-headless"), info);
    }

    @Test
    void theDebInstallsPghaOnThePathAndKeepsItsPatronictlLinkAwayFromDebiansPatroni() throws IOException {
        String contents = ok(List.of("dpkg-deb", "--contents", deb.toString()));
        assertTrue(contents.contains("./usr/bin/pgha -> ../lib/pgha/bin/pgha"), contents);
        assertTrue(contents.contains("./usr/lib/pgha/bin/patronictl -> pgha"), contents);
        assertFalse(contents.contains("./usr/bin/patronictl"), "Debian's patroni owns /usr/bin/patronictl");
        assertTrue(contents.contains("./usr/lib/pgha/lib/pgha.jar"), contents);
        assertTrue(contents.contains("./usr/share/bash-completion/completions/pgha"), contents);
        assertTrue(contents.contains("./usr/share/zsh/vendor-completions/_pgha"), contents);
        assertTrue(contents.contains("./lib/systemd/system/pgha.service"), contents);
        assertTrue(contents.contains("./lib/systemd/system/pgha@.service"), contents);
        assertTrue(contents.contains("./usr/share/doc/pgha/examples/patroni.yml"), contents);
        for (String page : manPages()) {
            assertTrue(contents.contains("./usr/share/man/man1/" + page), "missing man page " + page);
        }
    }

    @Test
    void theMaintainerScriptsAreExecutableShellThatParses() throws IOException {
        Path control = work.resolve("control");
        ok(List.of("dpkg-deb", "--control", deb.toString(), control.toString()));
        for (String script : List.of("postinst", "prerm", "postrm")) {
            Path file = control.resolve(script);
            assertTrue(Files.isExecutable(file), script + " must be executable");
            assertTrue(Files.readString(file).startsWith("#!/bin/sh"), script);
            ok(List.of("sh", "-n", file.toString()));
        }
    }

    @Test
    void theUnpackedDebRunsPghaAndPatronictlAndItsUnitsVerify() throws IOException {
        Path root = work.resolve("deb-root");
        ok(List.of("dpkg-deb", "--extract", deb.toString(), root.toString()));
        String version = ok(List.of(root.resolve("usr/bin/pgha").toString(), "version"));
        assertTrue(version.startsWith("pgha version "), version);
        String help = ok(List.of(root.resolve("usr/lib/pgha/bin/patronictl").toString(), "--help"));
        assertTrue(help.startsWith("Usage: patronictl"), help);
        for (String unit : List.of("pgha.service", "pgha@.service")) {
            verifyUnit(root, root.resolve("lib/systemd/system").resolve(unit));
        }
    }

    @Test
    void theTarballIsAnInstalledTreeWithAPatronictlLink() throws IOException {
        Path root = work.resolve("tar-root");
        Files.createDirectories(root);
        ok(List.of("tar", "-xzf", tarball.toString(), "-C", root.toString()));
        Path home;
        try (Stream<Path> top = Files.list(root)) {
            home = top.findFirst().orElseThrow();
        }
        assertTrue(home.getFileName().toString().startsWith("pgha-"), home.toString());
        Path patronictl = home.resolve("bin/patronictl");
        assertTrue(Files.isSymbolicLink(patronictl), "bin/patronictl must be a link to pgha");
        assertEquals(Path.of("pgha"), Files.readSymbolicLink(patronictl));
        String version = ok(List.of(home.resolve("bin/pgha").toString(), "version"));
        assertTrue(version.startsWith("pgha version "), version);
        assertTrue(ok(List.of(patronictl.toString(), "--help")).startsWith("Usage: patronictl"));
        for (String page : manPages()) {
            assertTrue(Files.isRegularFile(home.resolve("share/man/man1").resolve(page)), "missing " + page);
        }
        assertTrue(Files.isRegularFile(home.resolve("lib/systemd/system/pgha.service")));
        assertTrue(Files.isRegularFile(home.resolve("share/doc/pgha/examples/patroni.yml")));
    }

    /**
     * systemd-analyze verify checks that ExecStart exists and that the Documentation= man page is
     * installed, so the unit is verified as installed in {@code root}: its /usr/bin/pgha is
     * {@code root}'s, and man looks in {@code root}'s man pages.
     */
    private static void verifyUnit(Path root, Path unit) throws IOException {
        Path copy = work.resolve("units").resolve(unit.getFileName());
        Files.createDirectories(copy.getParent());
        String text = Files.readString(unit);
        assertTrue(text.contains("Type=notify") && text.contains("ExecReload=/bin/kill -HUP $MAINPID")
                && text.contains("KillMode=process") && text.contains("WatchdogSec="), text);
        Files.writeString(copy, text.replace("/usr/bin/pgha", root.resolve("usr/bin/pgha").toString()));
        CommandResult result = Commands.run(List.of("systemd-analyze", "verify", copy.toString()), TIMEOUT, null,
                Map.of("MANPATH", root.resolve("usr/share/man").toString()));
        assertTrue(result.succeeded() && result.stderr().isBlank(), unit.getFileName() + ": " + result.describe());
    }

    private static List<String> manPages() throws IOException {
        List<String> pages = new ArrayList<>();
        try (Stream<Path> files = Files.list(PROJECT.resolve("man"))) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".1")).forEach(pages::add);
        }
        assertFalse(pages.isEmpty());
        return pages;
    }

    private static String ok(List<String> command) {
        CommandResult result = Commands.run(command, TIMEOUT);
        assertTrue(result.succeeded(), result.describe());
        return result.stdout();
    }
}
