package dev.wtcraft.library;

import dev.wtcraft.io.AtomicFiles;
import dev.wtcraft.io.UserDirs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The library sources this user trusts, one per line in `trusted-libraries` under the user's configuration
 * directory (see UserDirs.config). A line ending in `/` trusts every source under it, e.g.
 * `https://git.example.com/acme/`. Trust belongs to the person running wtcraft, so it is never read from a
 * repository.
 */
public final class TrustStore {
    private final Path file;

    public TrustStore() {
        this(UserDirs.config().resolve("trusted-libraries"));
    }

    public TrustStore(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    public List<String> entries() {
        try {
            List<String> out = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String t = line.strip();
                if (!t.isEmpty() && !t.startsWith("#")) {
                    out.add(t);
                }
            }
            return out;
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new LibraryException("cannot read " + file + ": " + e.getMessage());
        }
    }

    public boolean trusts(String location) {
        for (String t : entries()) {
            if (t.equals(location) || t.endsWith("/") && location.startsWith(t)) {
                return true;
            }
        }
        return false;
    }

    /** Adds a source (no change when it is trusted already); returns whether it was added. */
    public boolean trust(String location) {
        List<String> entries = new ArrayList<>(entries());
        if (entries.contains(location)) {
            return false;
        }
        entries.add(location);
        AtomicFiles.write(file, "# library sources trusted by wtcraft (wtcraft lib trust SOURCE)\n"
                + String.join("\n", entries) + "\n");
        return true;
    }
}
