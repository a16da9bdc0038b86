package dev.wtcraft.library;

import dev.wtcraft.git.GitCli;
import dev.wtcraft.io.Sha256;
import dev.wtcraft.io.UserDirs;
import dev.wtcraft.process.Exec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Fetched libraries under the user's cache directory: one bare mirror per source (`git/`), and per source and
 * commit a directory with only the library's own files (`vars/`, `src/`, `prompts/`), written to a temporary
 * directory and renamed into place. A tree that holds a `..` or `.git` path, a symbolic link, or a submodule where
 * the library's files live is refused whole: nothing of it reaches the cache.
 */
public final class LibraryStore {
    /** The directories of a library that are copied; everything else in its repository is left out. */
    public static final List<String> ROOTS = List.of("vars", "src", "prompts");
    /** A remote that does not answer within this long counts as unreachable (ssh and http; file URLs are local). */
    private static final Map<String, String> NETWORK_LIMITS = Map.of(
            "GIT_SSH_COMMAND", "ssh -o BatchMode=yes -o ConnectTimeout=15",
            "GIT_HTTP_LOW_SPEED_LIMIT", "1",
            "GIT_HTTP_LOW_SPEED_TIME", "30");

    private final Path root;

    public LibraryStore() {
        this(UserDirs.cache().resolve("libraries"));
    }

    public LibraryStore(Path root) {
        this.root = root;
    }

    /** What a source says a ref points to now: the commit, or null with the reason it could not say. */
    public record Lookup(String commit, String unreachable) {
        public boolean reached() {
            return unreachable == null;
        }
    }

    /** Asks the source (not the cache) which commit {@code ref} names; HEAD is its default branch. */
    public Lookup lookup(String location, String ref) {
        Exec.Result r = new GitCli(Path.of(System.getProperty("java.io.tmpdir")))
                .run(NETWORK_LIMITS, null, "ls-remote", "--", location, ref, ref + "^{}"); // a pattern alone is not peeled
        if (!r.ok()) {
            return new Lookup(null, GitCli.firstLine(r.stderr(), "git ls-remote failed with exit code " + r.exitCode()));
        }
        Map<String, String> refs = new LinkedHashMap<>();
        for (String line : r.stdoutText().split("\n")) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                refs.put(line.substring(tab + 1), line.substring(0, tab));
            }
        }
        // the order git itself resolves a short name in; an annotated tag counts as the commit it points to
        for (String name : List.of(ref, "refs/tags/" + ref + "^{}", "refs/tags/" + ref, "refs/heads/" + ref)) {
            if (refs.containsKey(name)) {
                return new Lookup(refs.get(name), null);
            }
        }
        return new Lookup(null, null);
    }

    /** The commit {@code ref} names at the source, fetched if need be; a failure says what to do. */
    public String resolve(String label, String location, String ref) {
        if (ref.matches("[0-9a-f]{40}")) {
            return ref;
        }
        Lookup l = lookup(location, ref);
        if (!l.reached()) {
            throw new LibraryException("library " + label + ": cannot reach " + location + ": " + l.unreachable());
        }
        if (l.commit() != null) {
            return l.commit();
        }
        if (ref.matches("[0-9a-f]{7,39}")) {
            fetch(label, location);
            Exec.Result r = mirror(location).run("rev-parse", "--verify", "-q", ref + "^{commit}");
            if (r.ok()) {
                return r.stdoutText().strip();
            }
        }
        throw new LibraryException("library " + label + ": " + location + " has no tag, branch or commit '" + ref
                + "'");
    }

    /** The library's files at {@code commit}, from the cache or else fetched from the source. */
    public Path checkout(String label, String location, String commit) {
        Path dir = cached(location, commit);
        if (dir != null) {
            return dir;
        }
        if (!hasCommit(location, commit)) {
            fetch(label, location);
            if (!hasCommit(location, commit)) {
                throw new LibraryException("library " + label + ": commit " + commit + " is not in " + location
                        + " (was it rewritten?): run wtcraft lib update " + label.replace("'", ""));
            }
        }
        return extract(label, location, commit);
    }

    /**
     * Every file of the library's repository at {@code commit} (its tests too, which the cache leaves out), checked
     * out into {@code into}, a directory that does not exist yet: `wtcraft lib test` runs a library's own tests so.
     */
    public void checkoutWhole(String label, String location, String commit, Path into) {
        if (!hasCommit(location, commit)) {
            fetch(label, location);
            if (!hasCommit(location, commit)) {
                throw new LibraryException("library " + label + ": commit " + commit + " is not in " + location
                        + " (was it rewritten?): run wtcraft lib update " + label.replace("'", ""));
            }
        }
        try {
            Files.createDirectories(into);
            // the mirror's objects written into the directory through an index of its own: the mirror is unchanged,
            // and a link in the tree is written as a file holding its target, never as a link
            Path index = into.resolveSibling(into.getFileName() + ".index");
            try {
                mirror(location).text(Map.of("GIT_INDEX_FILE", index.toString()), "-c", "core.symlinks=false",
                        "--work-tree=" + into, "checkout", "-q", commit, "--", ".");
            } finally {
                Files.deleteIfExists(index);
            }
        } catch (IOException | dev.wtcraft.git.GitException e) {
            throw new LibraryException("library " + label + ": cannot check out commit " + commit.substring(0, 12)
                    + " into " + into + ": " + e.getMessage());
        }
    }

    private boolean hasCommit(String location, String commit) {
        GitCli mirror = mirror(location);
        return Files.isDirectory(mirror.dir()) && mirror.succeeds("cat-file", "-e", commit + "^{commit}");
    }

    /** The cached files of this commit, or null when they are not cached. */
    public Path cached(String location, String commit) {
        Path dir = sourceDir(location).resolve(commit);
        return Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) ? dir : null;
    }

    /** Drops a cached copy (found damaged), so that the next checkout writes it again from the mirror. */
    public void evict(String location, String commit) {
        Path dir = cached(location, commit);
        if (dir != null) {
            deleteTree(dir);
        }
    }

    /**
     * The hash a lock records: every file's path and bytes, in path order. A cached copy that holds anything but
     * regular files and directories is damaged, and hashes to a value no lock holds.
     */
    public static String contentHash(Path dir) {
        Sha256 h = new Sha256().line("wtcraft-library-v1");
        TreeMap<String, Path> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (a.isRegularFile()) {
                    files.put(dir.relativize(p).toString(), p);
                } else if (!a.isDirectory()) {
                    return "damaged: " + dir.relativize(p) + " is not a regular file";
                }
            }
            for (Map.Entry<String, Path> f : files.entrySet()) {
                byte[] bytes = Files.readAllBytes(f.getValue());
                h.line(f.getKey()).line(String.valueOf(bytes.length)).bytes(bytes);
            }
        } catch (IOException | UncheckedIOException e) {
            return "unreadable: " + e.getMessage();
        }
        return h.hex();
    }

    private void fetch(String label, String location) {
        GitCli mirror = mirror(location);
        try {
            if (!Files.isDirectory(mirror.dir())) {
                Files.createDirectories(mirror.dir().getParent());
                Path temp = Files.createTempDirectory(mirror.dir().getParent(), "mirror-");
                new GitCli(temp).text("init", "-q", "--bare");
                move(temp, mirror.dir());
            }
        } catch (IOException e) {
            throw new LibraryException("library " + label + ": cannot create its cache under " + root + ": " + e.getMessage());
        }
        Exec.Result r = mirror.run(NETWORK_LIMITS, null, "fetch", "-q", "--no-tags", "--", location,
                "+refs/heads/*:refs/heads/*", "+refs/tags/*:refs/tags/*");
        if (!r.ok()) {
            throw new LibraryException("library " + label + ": cannot fetch " + location + ": "
                    + GitCli.firstLine(r.stderr(), "git fetch failed with exit code " + r.exitCode()));
        }
    }

    /** One entry of `git ls-tree -r`. */
    private record Entry(String mode, String type, String object, String path) {
    }

    private Path extract(String label, String location, String commit) {
        GitCli mirror = mirror(location);
        List<Entry> keep = new ArrayList<>();
        for (byte[] raw : GitCli.splitNul(mirror.bytes("ls-tree", "-r", "-z", "--full-tree", commit))) {
            String line = new String(raw, StandardCharsets.UTF_8);
            int tab = line.indexOf('\t');
            String[] head = line.substring(0, tab).split(" ");
            Entry e = new Entry(head[0], head[1], head[2], line.substring(tab + 1));
            String unsafe = unsafePath(e.path());
            if (unsafe != null) {
                throw refused(label, commit, "the path '" + e.path() + "' " + unsafe);
            }
            String top = ROOTS.stream().filter(r -> e.path().equals(r) || e.path().startsWith(r + "/")).findFirst().orElse(null);
            if (top == null) {
                continue;
            }
            switch (e.mode()) {
                case "100644", "100755" -> keep.add(e);
                case "120000" -> throw refused(label, commit, "'" + e.path() + "' is a symbolic link");
                case "160000" -> throw refused(label, commit, "'" + e.path() + "' is a submodule");
                default -> throw refused(label, commit, "'" + e.path() + "' is not a regular file (mode " + e.mode() + ")");
            }
        }
        Path target = sourceDir(location).resolve(commit);
        Path temp = null;
        try {
            Files.createDirectories(target.getParent());
            temp = Files.createTempDirectory(target.getParent(), commit.substring(0, 12) + ".");
            StringBuilder request = new StringBuilder();
            keep.forEach(e -> request.append(e.object()).append('\n'));
            byte[] out = mirror.run(request.toString().getBytes(StandardCharsets.US_ASCII), "cat-file", "--batch").stdout();
            int at = 0;
            for (Entry e : keep) {
                int nl = indexOf(out, (byte) '\n', at);
                String[] header = new String(out, at, nl - at, StandardCharsets.US_ASCII).split(" ");
                int size = Integer.parseInt(header[2]);
                Path file = temp.resolve(e.path()).normalize();
                if (!file.startsWith(temp)) {
                    throw refused(label, commit, "the path '" + e.path() + "' leaves the library");
                }
                Files.createDirectories(file.getParent());
                Files.write(file, java.util.Arrays.copyOfRange(out, nl + 1, nl + 1 + size));
                at = nl + 1 + size + 1;
            }
            move(temp, target);
            temp = null;
        } catch (IOException | RuntimeException e) {
            if (e instanceof LibraryException le) {
                throw le;
            }
            throw new LibraryException("library " + label + ": cannot write its files under " + target.getParent() + ": " + e.getMessage());
        } finally {
            if (temp != null) {
                deleteTree(temp);
            }
        }
        return target;
    }

    /** Why a path from a library's tree may not be written anywhere, or null when it may. */
    static String unsafePath(String path) {
        if (path.startsWith("/")) {
            return "is absolute";
        }
        for (String part : path.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                return "has an empty, '.' or '..' component";
            }
            if (part.toLowerCase(Locale.ROOT).equals(".git")) {
                return "names a .git directory";
            }
            if (part.indexOf('\\') >= 0 || part.indexOf('\0') >= 0) {
                return "holds a backslash or NUL";
            }
        }
        return null;
    }

    private static LibraryException refused(String label, String commit, String why) {
        return new LibraryException("library " + label + " refused at commit " + commit.substring(0, 12) + ": " + why
                + " (a library may hold only regular files and directories, inside itself)");
    }

    private GitCli mirror(String location) {
        return new GitCli(root.resolve("git").resolve(key(location) + ".git"));
    }

    private Path sourceDir(String location) {
        return root.resolve(key(location));
    }

    /** A directory name for a source: readable, and unique by the hash of the whole location. */
    static String key(String location) {
        String tail = location.replaceAll("[/\\\\:]+$", "");
        tail = tail.substring(Math.max(tail.lastIndexOf('/'), tail.lastIndexOf(':')) + 1).replaceAll("[^A-Za-z0-9._-]", "_");
        if (tail.length() > 40) {
            tail = tail.substring(0, 40);
        }
        return tail + "-" + new Sha256().line(location).hex().substring(0, 16);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException raced) {
            deleteTree(from); // another run wrote the same thing first
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException ignored) {
            // what is left is found damaged and replaced next time
        }
    }

    private static int indexOf(byte[] b, byte v, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == v) {
                return i;
            }
        }
        throw new IllegalStateException("git cat-file ended early");
    }
}
