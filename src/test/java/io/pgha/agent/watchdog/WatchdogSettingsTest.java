package io.pgha.agent.watchdog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.agent.watchdog.WatchdogSettings.Mode;
import io.pgha.config.ConfigException;
import io.pgha.config.ConfigLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** config.md §3.8: the watchdog section as Patroni reads it. */
class WatchdogSettingsTest {
    private static WatchdogSettings parse(String yaml) {
        return WatchdogSettings.from(ConfigLoader.parse(yaml, "patroni.yml").section("watchdog"));
    }

    @Test
    void defaultsAreAutomaticOnDevWatchdogWithFiveSecondsMargin() {
        WatchdogSettings settings = parse("name: a\n");
        assertEquals(Mode.AUTOMATIC, settings.mode());
        assertEquals(Path.of("/dev/watchdog"), settings.device());
        assertEquals(25, settings.timeout(30));
        assertEquals(15, settings.slack(30, 10));
    }

    @Test
    void modeAliasesAsPatroniParsesThem() {
        assertEquals(Mode.REQUIRED, parse("watchdog: {mode: require}").mode());
        assertEquals(Mode.REQUIRED, parse("watchdog: {mode: Required}").mode());
        assertEquals(Mode.AUTOMATIC, parse("watchdog: {mode: auto}").mode());
        assertEquals(Mode.OFF, parse("watchdog: {mode: disabled}").mode());
        assertEquals(Mode.OFF, parse("watchdog: {mode: false}").mode());
        assertEquals(Mode.OFF, parse("watchdog: {mode: sometimes}").mode(), "Patroni disables an unknown mode");
    }

    @Test
    void aNegativeSafetyMarginOtherThanMinusOneIsAConfigError() {
        ConfigException e = assertThrows(ConfigException.class, () -> parse("watchdog: {safety_margin: -3}"));
        assertTrue(e.getMessage().contains("watchdog.safety_margin"), e.getMessage());
    }
}
