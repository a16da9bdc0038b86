package dev.wtcraft.io;

import java.nio.file.Path;

/**
 * The per-user directories wtcraft keeps things in, each overridable for tests and for CI machines:
 * the cache (compiled and evaluated recipes, fetched libraries) and the configuration (trusted library sources).
 */
public final class UserDirs {
    private UserDirs() {
    }

    /** -Dwtcraft.cache.dir, else $WTCRAFT_CACHE_DIR, else $XDG_CACHE_HOME/wtcraft, else ~/.cache/wtcraft. */
    public static Path cache() {
        return dir("wtcraft.cache.dir", "WTCRAFT_CACHE_DIR", "XDG_CACHE_HOME", ".cache");
    }

    /** -Dwtcraft.config.dir, else $WTCRAFT_CONFIG_DIR, else $XDG_CONFIG_HOME/wtcraft, else ~/.config/wtcraft. */
    public static Path config() {
        return dir("wtcraft.config.dir", "WTCRAFT_CONFIG_DIR", "XDG_CONFIG_HOME", ".config");
    }

    private static Path dir(String property, String variable, String xdgVariable, String homeDefault) {
        String override = System.getProperty(property);
        if (override == null || override.isEmpty()) {
            override = System.getenv(variable);
        }
        if (override != null && !override.isEmpty()) {
            return Path.of(override);
        }
        String xdg = System.getenv(xdgVariable);
        Path home = xdg != null && !xdg.isEmpty() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), homeDefault);
        return home.resolve("wtcraft");
    }
}
