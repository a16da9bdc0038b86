package dev.wtcraft.recipetest;

import dev.wtcraft.WtcraftException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/** Which test files `wtcraft test` runs: the files named, every `*.wtest.groovy` under the directories named. */
public final class TestFiles {
    /** How a test file's name ends. */
    public static final String SUFFIX = ".wtest.groovy";

    private TestFiles() {
    }

    /** @param paths files and directories; a directory is searched through, its `.git` and worktrees left out */
    public static List<Path> find(List<Path> paths) {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isRegularFile(p)) {
                if (!p.getFileName().toString().endsWith(SUFFIX)) {
                    throw WtcraftException.fatal(p + " is not a test file: test files are named *" + SUFFIX);
                }
                out.add(p.toAbsolutePath().normalize());
            } else if (Files.isDirectory(p)) {
                out.addAll(under(p));
            } else {
                throw WtcraftException.fatal("no such file or directory: " + p);
            }
        }
        return out;
    }

    private static List<Path> under(Path dir) {
        TreeSet<Path> found = new TreeSet<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(f -> f.getFileName().toString().endsWith(SUFFIX) && Files.isRegularFile(f))
                    .filter(f -> java.util.Arrays.stream(dir.relativize(f).toString().split("/"))
                            .noneMatch(part -> part.equals(".git") || part.equals("node_modules")
                                    || part.equals(dev.wtcraft.git.RepoLayout.WORKTREES_DIR)))
                    .forEach(f -> found.add(f.toAbsolutePath().normalize()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir + ": " + e.getMessage(), e);
        }
        return new ArrayList<>(found);
    }
}
