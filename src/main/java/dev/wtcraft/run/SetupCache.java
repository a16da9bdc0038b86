package dev.wtcraft.run;

import dev.wtcraft.git.RepoLayout;
import dev.wtcraft.io.Sha256;
import dev.wtcraft.model.Setup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * What a setup's `run 'npm ci', cache: 'node_modules'` made, kept once per repository under the git directory
 * (`wtcraft/setup-cache/<key>/`) and reused by every task whose key files hold the same bytes: ten tasks, one
 * install. The key is the command, the cached paths and the key files' contents. An entry is filled from the
 * worktree whose setup made it, before any engine ran there, and appears whole or not at all (a rename). A task
 * gets a cached directory as a real directory of links to the entry's children, so tools can still write beside
 * them (`node_modules/.cache`) while the entry itself, inside the read-only git directory, is out of a sandboxed
 * engine's reach.
 */
final class SetupCache {
    private static final Map<String, Object> MONITORS = new ConcurrentHashMap<>();

    private SetupCache() {
    }

    /** One entry; two tasks with the same key wait for each other, in this process and across processes. */
    record Entry(String key, Path dir, List<String> paths) {
        Object monitor() {
            return MONITORS.computeIfAbsent(dir.toString(), k -> new Object());
        }

        boolean exists() {
            return Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS);
        }

        Held lock() throws IOException {
            Files.createDirectories(dir.getParent());
            FileChannel channel = FileChannel.open(dir.resolveSibling(key + ".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock = channel.lock();
            return () -> {
                lock.release();
                channel.close();
            };
        }

        /** Moves what the command made into the entry, which appears whole. */
        void fill(Path worktree) throws IOException {
            Path staging = dir.resolveSibling(key + ".tmp-" + UUID.randomUUID());
            try {
                for (String p : paths) {
                    Path made = worktree.resolve(p);
                    if (!Files.exists(made, LinkOption.NOFOLLOW_LINKS)) {
                        throw new SetupStep.SetupException("made no " + p + " to cache");
                    }
                    Path into = staging.resolve(p);
                    Files.createDirectories(into.getParent());
                    move(made, into);
                }
                Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                delete(staging);
            }
        }

        /**
         * The entry's paths in the worktree. Linked (a directory as a directory of links to its children, a file as
         * a link) when the task's engine runs in a sandbox, which cannot write the entry; copied otherwise, so that
         * an engine without one cannot change what every later task is given.
         */
        void materialize(Path worktree, boolean linked) throws IOException {
            for (String p : paths) {
                Path cached = dir.resolve(p);
                Path target = worktree.resolve(p);
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    throw new SetupStep.SetupException("failed: " + p + " already exists in the worktree");
                }
                Files.createDirectories(target.getParent());
                if (!linked) {
                    copyTree(cached, target);
                } else if (Files.isDirectory(cached, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectory(target);
                    try (DirectoryStream<Path> children = Files.newDirectoryStream(cached)) {
                        for (Path child : children) {
                            Files.createSymbolicLink(target.resolve(child.getFileName().toString()), child);
                        }
                    }
                } else if (Files.exists(cached, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createSymbolicLink(target, cached);
                }
            }
        }
    }

    /** A lock held until closed. */
    interface Held extends AutoCloseable {
        @Override
        void close() throws IOException;
    }

    /** The entry for a run step with a cache, keyed by the step and its key files as the worktree holds them. */
    static Entry entry(RepoLayout layout, Path worktree, Setup.Action action) throws IOException {
        List<String> keyFiles = new ArrayList<>(action.key());
        if (keyFiles.isEmpty()) {
            Setup.LOCK_FILES.stream().filter(f -> Files.isRegularFile(worktree.resolve(f))).forEach(keyFiles::add);
            if (keyFiles.isEmpty()) {
                throw new SetupStep.SetupException("failed: its cache is keyed by the lock files, and the worktree"
                        + " has none of " + String.join(", ", Setup.LOCK_FILES.subList(0, 6))
                        + ", ...: name the files that decide what it makes with key:");
            }
        }
        Sha256 h = new Sha256().line("wtcraft setup cache 1").line(action.text());
        action.cache().forEach(h::line);
        for (String f : keyFiles) {
            Path file = worktree.resolve(f);
            h.line(f);
            if (!Files.isRegularFile(file)) {
                throw new SetupStep.SetupException("failed: its cache key " + f + " is not a file in the worktree");
            }
            h.line(new Sha256().bytes(Files.readAllBytes(file)).hex());
        }
        String key = h.hex().substring(0, 32);
        Path root = Sandboxes.gitCommonDir(layout).resolve("wtcraft").resolve("setup-cache");
        return new Entry(key, root.resolve(key), action.cache());
    }

    /** Moves a file or directory; across file systems, copies it and removes the original. */
    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            copyTree(from, to);
            delete(from);
        }
    }

    /** A file or directory copied, links as links (never followed out of it). */
    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isSymbolicLink(p)) {
                    Files.createSymbolicLink(target, Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                }
            }
        } catch (FileAlreadyExistsException e) {
            throw new SetupStep.SetupException("failed: " + e.getFile() + " already exists");
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    static void delete(Path p) {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        } catch (IOException | UncheckedIOException ignored) {
            // a staging directory left behind is harmless: it is never read
        }
    }
}
