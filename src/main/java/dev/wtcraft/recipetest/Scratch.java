package dev.wtcraft.recipetest;

import dev.wtcraft.WtcraftException;
import dev.wtcraft.git.GitCli;
import dev.wtcraft.git.GitException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A test's scratch repository: a new git repository on `main` holding the fixtures' files, then the test's own,
 * committed once. Git directories and wtcraft's own state (`.wtcraft/`, the task worktrees) are never copied.
 */
public final class Scratch {
    private Scratch() {
    }

    public static Path create(Path dir, TestDef test) {
        try {
            Files.createDirectories(dir);
            for (Path fixture : test.fixtures()) {
                if (!Files.isDirectory(fixture)) {
                    throw WtcraftException.fatal(test.display() + ":" + test.line() + ": test '" + test.name()
                            + "': fixture directory " + fixture + " does not exist (paths in 'from' are relative to the test file)");
                }
                copy(fixture, dir);
            }
            for (Map.Entry<String, String> f : test.files().entrySet()) {
                write(dir, f.getKey(), f.getValue());
            }
            if (test.recipe() != null) {
                write(dir, "wtcraft.groovy", test.recipe());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the scratch repository " + dir + ": " + e.getMessage(), e);
        }
        GitCli git = new GitCli(dir);
        git.text("init", "-q", "-b", "main");
        git.text("add", "-A");
        Map<String, String> who = Map.of("GIT_AUTHOR_NAME", "wtcraft test", "GIT_AUTHOR_EMAIL", "test@wtcraft.invalid",
                "GIT_COMMITTER_NAME", "wtcraft test", "GIT_COMMITTER_EMAIL", "test@wtcraft.invalid");
        try {
            git.text(who, "-c", "commit.gpgsign=false", "commit", "-q", "--allow-empty", "--no-verify", "-m", "scratch repository of test " + test.name());
        } catch (GitException e) {
            throw WtcraftException.fatal("cannot commit the scratch repository of test '" + test.name() + "': " + e.getMessage());
        }
        return dir;
    }

    private static void write(Path dir, String path, String text) throws IOException {
        Path file = dir.resolve(path).normalize();
        if (!file.startsWith(dir) || file.equals(dir)) {
            throw WtcraftException.fatal("test file path '" + path + "' is outside the scratch repository");
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static void copy(Path from, Path to) throws IOException {
        Path source = from.toAbsolutePath().normalize();
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                String name = d.getFileName() == null ? "" : d.getFileName().toString();
                if (!d.equals(source) && (name.equals(".git") || name.equals(".wtcraft")
                        || d.getParent().equals(source) && name.equals(dev.wtcraft.git.RepoLayout.WORKTREES_DIR))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(source.relativize(d).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) {
                    Path target = to.resolve(source.relativize(f).toString());
                    Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Removes a scratch directory and everything in it (its worktrees included). */
    public static void remove(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a scratch directory left behind is only litter in the temporary directory
        }
    }
}
