package dev.wtcraft.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.UUID;

/**
 * Removal that an interruption cannot leave half-done where it is read: a directory is first renamed into the trash
 * (one atomic step: it is whole where it was, or gone from there), then deleted from the trash. What an interrupted
 * removal leaves in the trash is deleted by the next one. Deleting never follows a symbolic link.
 */
public final class Trash {
    private final Path dir;

    public Trash(Path dir) {
        this.dir = dir;
    }

    /**
     * Renames {@code target} into the trash; empty when it cannot be renamed there in one step (another file
     * system), and then it is left exactly where it was.
     */
    public Optional<Path> take(Path target) throws IOException {
        Files.createDirectories(dir);
        Path into = dir.resolve(UUID.randomUUID() + "-" + target.getFileName());
        try {
            Files.move(target, into, StandardCopyOption.ATOMIC_MOVE);
            return Optional.of(into);
        } catch (AtomicMoveNotSupportedException e) {
            return Optional.empty();
        }
    }

    /** Whether an interrupted removal left something here. */
    public boolean holdsAnything() {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            return entries.iterator().hasNext();
        } catch (IOException e) {
            return false;
        }
    }

    /** Deletes everything in the trash, what earlier interrupted removals left included. */
    public void empty() throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                delete(entry);
            }
        }
    }

    /** Deletes a tree without following its links: a link to a shared cache loses the link, never the cache. */
    public static void delete(Path tree) throws IOException {
        if (!Files.exists(tree, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(tree, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                // a read-only directory (a module cache's, say) would keep its entries
                if (!Files.isWritable(d)) {
                    d.toFile().setWritable(true, true);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    public Path dir() {
        return dir;
    }
}
