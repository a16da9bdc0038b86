package dev.wtcraft.git;

import dev.wtcraft.io.AtomicFiles;
import dev.wtcraft.io.Sha256;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The ignore rules of the commit a task started from, as one exclude file for {@code git ls-files --exclude-from}:
 * what counts as build output is decided by the base, never by a `.gitignore` the task added or changed. The user's
 * own rules (`info/exclude`, `core.excludesFile`, as they were when the worktree was made) come first, as the lowest
 * precedence; every `.gitignore` of the commit follows, parents before children, its patterns rewritten to be
 * anchored at its directory.
 */
final class BaseExcludes {
    /** Where a worktree records the commit whose ignore rules decide what is build output (written at creation). */
    static final String RECORD = "ignore-base";
    private static final String CACHE = "ignore-base.excludes";
    /** The user's own rules as they were when the worktree was made: an engine that edits them later changes nothing. */
    private static final String USER = "ignore-base.user";

    private BaseExcludes() {
    }

    /** The recorded commit of a worktree, if wtcraft created it. */
    static Optional<String> recorded(Path worktree) {
        Path file = GitDirs.wtcraftDir(worktree).resolve(RECORD);
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            String commit = Files.readString(file, StandardCharsets.UTF_8).strip();
            return commit.matches("[0-9a-f]{40}([0-9a-f]{24})?") ? Optional.of(commit) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static void record(Path worktree, String commit) {
        AtomicFiles.write(GitDirs.wtcraftDir(worktree).resolve(USER), userRules(new GitCli(worktree), worktree));
        AtomicFiles.write(GitDirs.wtcraftDir(worktree).resolve(RECORD), commit + "\n");
    }

    /** The exclude file for this commit, built once and kept in the worktree's git directory. */
    static Path file(GitCli git, Path worktree, String commit) {
        Path frozen = GitDirs.wtcraftDir(worktree).resolve(USER);
        String user = Files.isRegularFile(frozen, LinkOption.NOFOLLOW_LINKS) ? readOrEmpty(frozen) : userRules(git, worktree);
        Sha256 key = new Sha256();
        key.line("wtcraft-excludes-v1 " + commit);
        key.line(user);
        String header = "# wtcraft: ignore rules of " + commit + " " + key.hex() + "\n";
        Path cache = GitDirs.wtcraftDir(worktree).resolve(CACHE);
        try {
            if (Files.isRegularFile(cache, LinkOption.NOFOLLOW_LINKS)) {
                String text = Files.readString(cache, StandardCharsets.UTF_8);
                if (text.startsWith(header)) {
                    return cache;
                }
            }
        } catch (IOException e) {
            // rebuilt below
        }
        StringBuilder text = new StringBuilder(header).append(user);
        for (String[] ignore : gitignores(git, commit)) {
            String dir = ignore[0];
            for (String line : ignore[1].split("\n", -1)) {
                String rule = anchored(dir, line);
                if (rule != null) {
                    text.append(rule).append('\n');
                }
            }
        }
        AtomicFiles.write(cache, text.toString());
        return cache;
    }

    /** core.excludesFile, then info/exclude: the rules of this user and this clone, which the base cannot say. */
    private static String userRules(GitCli git, Path worktree) {
        StringBuilder out = new StringBuilder();
        String configured = git.run("config", "--path", "--get", "core.excludesFile").stdoutText().strip();
        Path global = !configured.isEmpty() ? Path.of(configured) : xdgIgnore();
        if (global != null) {
            out.append(readOrEmpty(global));
        }
        out.append('\n').append(readOrEmpty(commonDir(worktree).resolve("info").resolve("exclude"))).append('\n');
        return out.toString();
    }

    private static Path xdgIgnore() {
        String xdg = System.getenv("XDG_CONFIG_HOME");
        String home = System.getProperty("user.home");
        if (xdg != null && !xdg.isEmpty()) {
            return Path.of(xdg, "git", "ignore");
        }
        return home == null ? null : Path.of(home, ".config", "git", "ignore");
    }

    private static Path commonDir(Path worktree) {
        Path gitDir = GitDirs.of(worktree);
        Path pointer = gitDir.resolve("commondir");
        try {
            if (Files.isRegularFile(pointer)) {
                return gitDir.resolve(Files.readString(pointer, StandardCharsets.UTF_8).strip()).normalize();
            }
        } catch (IOException e) {
            // a linked worktree always has one; without it the git directory is the common one
        }
        return gitDir;
    }

    private static String readOrEmpty(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** Every `.gitignore` blob of the commit as {directory, text}, parents before children. */
    private static List<String[]> gitignores(GitCli git, String commit) {
        List<String[]> found = new ArrayList<>();
        for (byte[] raw : GitCli.splitNul(git.bytes("ls-tree", "-r", "-z", "--full-tree", commit))) {
            String entry = new String(raw, StandardCharsets.UTF_8);
            int tab = entry.indexOf('\t');
            String path = entry.substring(tab + 1);
            if (tab > 0 && (path.equals(".gitignore") || path.endsWith("/.gitignore")) && entry.contains(" blob ")) {
                String oid = entry.substring(0, tab).split(" ")[2];
                found.add(new String[] {path.substring(0, path.length() - ".gitignore".length()), oid});
            }
        }
        if (found.isEmpty()) {
            return found;
        }
        found.sort(Comparator.<String[]>comparingLong(f -> f[0].chars().filter(c -> c == '/').count())
                .thenComparing(f -> f[0]));
        StringBuilder oids = new StringBuilder();
        found.forEach(f -> oids.append(f[1]).append('\n'));
        byte[] out = git.run(oids.toString().getBytes(StandardCharsets.UTF_8), "cat-file", "--batch").stdout();
        int pos = 0;
        for (String[] f : found) {
            int nl = indexOf(out, (byte) '\n', pos);
            String[] head = new String(out, pos, nl - pos, StandardCharsets.UTF_8).split(" ");
            if (head.length < 3) {
                throw new UncheckedIOException(new IOException("cannot read " + f[0] + ".gitignore of " + commit));
            }
            int size = Integer.parseInt(head[2]);
            f[1] = new String(out, nl + 1, size, StandardCharsets.UTF_8);
            pos = nl + 1 + size + 1;
        }
        return found;
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        throw new UncheckedIOException(new IOException("truncated git cat-file output"));
    }

    /** A `.gitignore` line of directory {@code dir} ("" or "a/b/") as a rule relative to the worktree root. */
    static String anchored(String dir, String line) {
        if (line.isBlank() || line.startsWith("#")) {
            return null;
        }
        if (dir.isEmpty()) {
            return line;
        }
        boolean negated = line.startsWith("!");
        String p = negated ? line.substring(1) : line;
        String body = p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
        String prefix = "/" + escape(dir);
        String rule = body.contains("/") ? prefix + (p.startsWith("/") ? p.substring(1) : p) : prefix + "**/" + p;
        return (negated ? "!" : "") + rule;
    }

    private static String escape(String dir) {
        StringBuilder b = new StringBuilder();
        for (char c : dir.toCharArray()) {
            if ("*?[\\".indexOf(c) >= 0) {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }
}
