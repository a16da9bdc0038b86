package dev.wtcraft.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/** Directory trees copied as data: regular files and directories only, never through a link. */
public final class Trees {
    private Trees() {
    }

    /**
     * Copies the tree {@code from} into {@code to} (created; files already there are replaced). A symbolic link or
     * any other special file in {@code from} is refused, naming it: a ledger copied from another machine holds data
     * only, and a link in it could point anywhere on this one.
     */
    public static void copy(Path from, Path to) {
        try {
            Files.createDirectories(to);
            Files.walkFileTree(from, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    if (attrs.isSymbolicLink()) {
                        throw new IOException(dir + " is a symbolic link");
                    }
                    Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (!attrs.isRegularFile()) {
                        throw new IOException(file + " is not a regular file");
                    }
                    Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }

    /** Copies one regular file (never through a link), atomically, making the target's directories. */
    public static void copyFile(Path from, Path to) {
        if (!Files.isRegularFile(from, LinkOption.NOFOLLOW_LINKS)) {
            throw new UncheckedIOException(new IOException(from + " is not a regular file"));
        }
        try {
            AtomicFiles.write(to, Files.readAllBytes(from));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + from + ": " + e.getMessage(), e);
        }
    }

    /**
     * Makes {@code dir} for output named by {@code option}, refusing in one line one that is not a directory or
     * already holds something (what a command writes there must not mix with what was there).
     */
    public static void requireNewOrEmpty(Path dir, String option) {
        try {
            if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                if (!isRealDirectory(dir)) {
                    throw dev.wtcraft.WtcraftException.fatal(option + " " + dir + " is not a directory: give a new one");
                }
                try (var entries = Files.list(dir)) {
                    if (entries.findAny().isPresent()) {
                        throw dev.wtcraft.WtcraftException.fatal(option + " " + dir + " is not empty: give a new directory");
                    }
                }
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Whether {@code dir} is a directory itself, not a link to one. */
    public static boolean isRealDirectory(Path dir) {
        return Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS);
    }
}
