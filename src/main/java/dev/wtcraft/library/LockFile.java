package dev.wtcraft.library;

import dev.wtcraft.io.AtomicFiles;
import dev.wtcraft.io.JsonText;
import dev.wtcraft.model.LibraryPin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * `wtcraft.lock` next to `wtcraft.groovy` (`X.lock` next to a recipe `X.groovy`, so that two recipes in one
 * directory never rewrite each other's pins): each library's resolved commit and content hash, one library per line so
 * that a change reads well in a diff. Written atomically; a lock that cannot be read is an error, never ignored.
 */
public final class LockFile {
    private static final int VERSION = 1;

    private LockFile() {
    }

    public static Path of(Path recipeFile) {
        String name = recipeFile.getFileName().toString();
        return recipeFile.toAbsolutePath().getParent().resolve(
                (name.endsWith(".groovy") ? name.substring(0, name.length() - 7) : name) + ".lock");
    }

    /** The pins, by name, in the file's order; empty when there is no lock. */
    public static Map<String, LibraryPin> read(Path lock) {
        String text;
        try {
            text = Files.readString(lock, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Map.of();
        } catch (IOException e) {
            throw new LibraryException("cannot read " + lock + ": " + e.getMessage());
        }
        Map<String, LibraryPin> pins = new LinkedHashMap<>();
        try {
            if (!(JsonText.parse(text) instanceof Map<?, ?> doc) || !Long.valueOf(VERSION).equals(doc.get("version"))
                    || !(doc.get("libraries") instanceof List<?> libs)) {
                throw new IOException("not a version " + VERSION + " lock");
            }
            for (Object o : libs) {
                if (!(o instanceof Map<?, ?> m)) {
                    throw new IOException("a library entry is not an object");
                }
                LibraryPin pin = new LibraryPin(field(m, "name"), field(m, "source"), field(m, "ref"),
                        field(m, "commit"), field(m, "sha256"));
                pins.put(pin.name(), pin);
            }
        } catch (IOException e) {
            throw new LibraryException(lock + " is damaged (" + e.getMessage()
                    + "): restore it from version control, or delete it and run: wtcraft lib update");
        }
        return pins;
    }

    private static String field(Map<?, ?> m, String key) throws IOException {
        if (!(m.get(key) instanceof String s) || s.isEmpty()) {
            throw new IOException("a library entry has no " + key);
        }
        return s;
    }

    /** Replaces the lock with exactly these pins. */
    public static void write(Path lock, List<LibraryPin> pins) {
        StringBuilder out = new StringBuilder("{\n  \"version\": ").append(VERSION).append(",\n  \"libraries\": [");
        List<String> lines = new ArrayList<>();
        for (LibraryPin p : pins) {
            lines.add("\n    " + JsonText.write(p.fields()));
        }
        out.append(String.join(",", lines)).append(lines.isEmpty() ? "]\n}\n" : "\n  ]\n}\n");
        AtomicFiles.write(lock, out.toString());
    }
}
