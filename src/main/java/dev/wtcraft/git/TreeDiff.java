package dev.wtcraft.git;

import dev.wtcraft.io.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The change between two commits, read from the object store alone: per file its status and line counts, and the
 * patch. Attributes decide how git shows a file (`-diff` calls a text file binary and hides its content,
 * `diff=NAME` names a textconv), and an engine writes them: in the worktree's `.gitattributes`, and without a
 * sandbox in `info/attributes`. So the diff runs in a scratch repository of wtcraft's own that borrows the
 * objects: no worktree, no index, no attributes file, no repository config; the global and system attributes are
 * switched off too, and {@link GitHardening} switches off drivers, external diffs and textconv as for every call.
 * A file is binary exactly when git's own content check says so.
 */
public final class TreeDiff {
    private TreeDiff() {
    }

    /** How a file changed. Renames are a deletion and an addition, as `check` counts them. */
    public enum Status {
        ADDED, MODIFIED, DELETED, TYPE_CHANGED
    }

    /**
     * One changed file.
     *
     * @param additions lines added, 0 for a binary file
     * @param deletions lines deleted, 0 for a binary file
     */
    public record File(GitPath path, Status status, int additions, int deletions, boolean binary) {
    }

    /** The files in git's order, and the whole patch as git wrote it (binary files as one line each). */
    public record Result(List<File> files, byte[] patch) {
    }

    /** The change from commit {@code from} to commit {@code to} of the repository {@code dir} belongs to. */
    public static Result between(Path dir, String from, String to) {
        List<String> where = new GitCli(dir).text("rev-parse", "--path-format=absolute", "--git-common-dir",
                "--show-object-format").lines().toList();
        Path objects = Path.of(where.get(0)).resolve("objects");
        Path scratch = scratch(where.get(1));
        try {
            GitCli git = new GitCli(scratch).forOneOperation();
            Map<String, String> env = Map.of("GIT_DIR", scratch.toString(), "GIT_OBJECT_DIRECTORY", objects.toString(),
                    "GIT_ATTR_NOSYSTEM", "1", "GIT_CONFIG_NOSYSTEM", "1");
            byte[] status = bytes(git, env, "--name-status", from, to);
            byte[] numstat = bytes(git, env, "--numstat", from, to);
            byte[] patch = bytes(git, env, "--patch", from, to);
            return new Result(files(status, numstat), patch);
        } finally {
            delete(scratch);
        }
    }

    private static byte[] bytes(GitCli git, Map<String, String> env, String what, String from, String to) {
        List<String> args = new ArrayList<>(List.of("-c", "core.attributesFile=/dev/null", "diff", "--no-renames",
                "--no-color", "--full-index", what));
        if (!what.equals("--patch")) {
            args.add("-z");
        }
        args.addAll(List.of(from, to, "--"));
        var r = git.run(env, null, args.toArray(String[]::new));
        if (!r.ok()) {
            throw new GitException(GitCli.firstLine(r.stderr(), "git diff failed with exit code " + r.exitCode()));
        }
        return r.stdout();
    }

    /** `--name-status -z` (status NUL path NUL) and `--numstat -z` (added TAB deleted TAB path NUL), joined. */
    static List<File> files(byte[] nameStatus, byte[] numstat) {
        Map<GitPath, int[]> counts = new LinkedHashMap<>();
        for (byte[] entry : GitCli.splitNul(numstat)) {
            String text = new String(entry, StandardCharsets.ISO_8859_1);
            int t1 = text.indexOf('\t');
            int t2 = text.indexOf('\t', t1 + 1);
            if (t1 < 0 || t2 < 0) {
                throw new GitException("unexpected git diff --numstat output: " + text);
            }
            boolean binary = text.startsWith("-\t");
            counts.put(GitPath.of(java.util.Arrays.copyOfRange(entry, t2 + 1, entry.length)), binary
                    ? new int[]{0, 0, 1} : new int[]{Integer.parseInt(text.substring(0, t1)),
                    Integer.parseInt(text.substring(t1 + 1, t2)), 0});
        }
        List<byte[]> parts = GitCli.splitNul(nameStatus);
        List<File> out = new ArrayList<>();
        for (int i = 0; i + 1 < parts.size(); i += 2) {
            GitPath path = GitPath.of(parts.get(i + 1));
            int[] c = counts.getOrDefault(path, new int[]{0, 0, 0});
            out.add(new File(path, status(new String(parts.get(i), StandardCharsets.US_ASCII)), c[0], c[1], c[2] == 1));
        }
        return out;
    }

    private static Status status(String letter) {
        return switch (letter) {
            case "A" -> Status.ADDED;
            case "M" -> Status.MODIFIED;
            case "D" -> Status.DELETED;
            case "T" -> Status.TYPE_CHANGED;
            default -> throw new GitException("unexpected git diff status '" + letter + "'");
        };
    }

    /** A repository of wtcraft's own with nothing in it but what makes it one, in the object format of the real one. */
    private static Path scratch(String format) {
        try {
            Path dir = Files.createTempDirectory("wtcraft-diff-");
            Files.createDirectories(dir.resolve("refs"));
            Files.createDirectories(dir.resolve("objects"));
            AtomicFiles.write(dir.resolve("HEAD"), "ref: refs/heads/wtcraft-diff\n");
            AtomicFiles.write(dir.resolve("config"), format.equals("sha1")
                    ? "[core]\n\trepositoryformatversion = 0\n\tbare = true\n"
                    : "[core]\n\trepositoryformatversion = 1\n\tbare = true\n[extensions]\n\tobjectformat = " + format + "\n");
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch repository for the diff: " + e.getMessage(), e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a scratch directory left in the temp directory holds no data of the repository's
        }
    }
}
