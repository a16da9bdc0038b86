package dev.wtcraft.engine;

import dev.wtcraft.io.AtomicFiles;
import dev.wtcraft.io.UserDirs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The files one engine run reads besides its worktree: the prompt (its stdin), settings and MCP configuration
 * for its CLI. They hold what the recipe gave, secrets unredacted, so they live in a directory of this run's own
 * (only its user may read it) in the user's cache, where a sandboxed CLI still sees them and no world-writable
 * directory is on their path (Gemini refuses settings there), and they are deleted when the run ends.
 */
final class EngineFiles implements AutoCloseable {
    private final Path dir;

    private EngineFiles(Path dir) {
        this.dir = dir;
    }

    static EngineFiles create() {
        Path dir = UserDirs.cache().resolve("engine-runs").resolve(UUID.randomUUID().toString());
        try {
            Files.createDirectories(dir.getParent());
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + " for the engine's input: " + e.getMessage(), e);
        }
        return new EngineFiles(dir);
    }

    /** Writes one file here and returns its path. */
    Path write(String name, String content) {
        Path file = dir.resolve(name);
        AtomicFiles.write(file, content);
        return file;
    }

    Path dir() {
        return dir;
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // already gone
        }
    }
}
