package dev.wtcraft.git;

import dev.wtcraft.process.Exec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The git command line, wtcraft's only way to git: worktree add/list/remove, and working-tree scans whose file
 * names must reach us as raw bytes (why not JGit: the README's "Dependencies" section).
 *
 * <p>Every call wtcraft makes goes through here, and here it is made harmless: a task's engine can write the
 * worktree (its `.gitattributes`, nested repositories and their configs) and, without a sandbox, the repository's
 * own config and hooks, so nothing an engine wrote may make wtcraft's git run a program. See {@link GitHardening}.
 */
public final class GitCli {
    private final Path dir;
    /** The driver overrides each content-reading call carries: listed afresh for each call, or once per operation. */
    private final java.util.function.Supplier<List<String>> drivers;

    public GitCli(Path dir) {
        this.dir = dir;
        this.drivers = () -> GitHardening.neutralizedDrivers(dir);
    }

    private GitCli(Path dir, java.util.function.Supplier<List<String>> drivers) {
        this.dir = dir;
        this.drivers = drivers;
    }

    /**
     * This directory's git for one operation of a few calls made together (a scan, a snapshot): git's
     * configuration is listed once, at the first call that reads file contents, rather than before each. Never to
     * be kept across an engine's run: what the engine wrote in between would not be seen.
     */
    public GitCli forOneOperation() {
        return new GitCli(dir, new java.util.function.Supplier<>() {
            private List<String> listed;

            @Override
            public synchronized List<String> get() { // the calls of a scan run in parallel
                if (listed == null) {
                    listed = List.copyOf(GitHardening.neutralizedDrivers(dir));
                }
                return listed;
            }
        });
    }

    public Path dir() {
        return dir;
    }

    public Exec.Result run(String... args) {
        return run(null, args);
    }

    public Exec.Result run(byte[] stdin, String... args) {
        return run(Map.of(), stdin, args);
    }

    /** @param env variables for this call only (an index file, an identity), on top of the usual ones */
    public Exec.Result run(Map<String, String> env, byte[] stdin, String... args) {
        List<String> cmd = GitHardening.command(dir, List.of(args), drivers);
        if (env.isEmpty()) {
            return Exec.run(dir, cmd, GitHardening.ENV, stdin);
        }
        Map<String, String> all = new java.util.HashMap<>(GitHardening.ENV);
        all.putAll(env);
        return Exec.run(dir, cmd, all, stdin);
    }

    /** Who commits wtcraft makes are by: the repository's own identity, else wtcraft's (as variables for git). */
    public Map<String, String> identity() {
        return succeeds("config", "user.email") ? Map.of() : FALLBACK_IDENTITY;
    }

    private static final Map<String, String> FALLBACK_IDENTITY = Map.of(
            "GIT_AUTHOR_NAME", "wtcraft", "GIT_AUTHOR_EMAIL", "wtcraft@localhost",
            "GIT_COMMITTER_NAME", "wtcraft", "GIT_COMMITTER_EMAIL", "wtcraft@localhost");

    /** Runs git and returns stdout as text, or throws with git's own first error line. */
    public String text(String... args) {
        return text(Map.of(), args);
    }

    /** The same, with variables for this call only. */
    public String text(Map<String, String> env, String... args) {
        Exec.Result r = run(env, null, args);
        if (!r.ok()) {
            throw new GitException(firstLine(r.stderr(), "git " + args[0] + " failed with exit code " + r.exitCode()));
        }
        return r.stdoutText();
    }

    /** Runs git and returns stdout as bytes, or throws with git's own first error line. */
    public byte[] bytes(String... args) {
        Exec.Result r = run(args);
        if (!r.ok()) {
            throw new GitException(firstLine(r.stderr(), "git " + args[0] + " failed with exit code " + r.exitCode()));
        }
        return r.stdout();
    }

    public boolean succeeds(String... args) {
        return run(args).ok();
    }

    /** The first line of git's message that says what went wrong: its advice (`hint:` lines) is never that. */
    public static String firstLine(String text, String fallback) {
        for (String line : text.split("\n")) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("hint:")) {
                return t.startsWith("fatal: ") ? t.substring(7) : t;
            }
        }
        return fallback;
    }

    /** Splits NUL-terminated git output into its raw byte strings, empty ones dropped. */
    public static List<byte[]> splitNul(byte[] out) {
        List<byte[]> items = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= out.length; i++) {
            if (i == out.length || out[i] == 0) {
                if (i > start) {
                    items.add(java.util.Arrays.copyOfRange(out, start, i));
                }
                start = i + 1;
            }
        }
        return items;
    }
}
