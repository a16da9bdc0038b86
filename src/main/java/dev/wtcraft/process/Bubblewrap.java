package dev.wtcraft.process;

import dev.wtcraft.model.Sandbox;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Linux sandbox: bubblewrap (`bwrap`, Debian package `bubblewrap`). A sandboxed command sees the whole file
 * system read-only (or writable, for `full`) with the worktree and a private /tmp writable, every git directory
 * read-only, the secret directories and other worktrees replaced by empty ones, and with `network false` a network
 * namespace of its own with nothing in it, not even 127.0.0.1, and no unix-domain socket (so none in the file
 * system is reached either). It runs in a pid namespace of its own, with no capabilities (root included), and dies
 * with its parent, so killing wtcraft's process group ends everything inside.
 */
public final class Bubblewrap {
    private static final java.util.Map<String, Probe> PROBES = new java.util.concurrent.ConcurrentHashMap<>();

    private Bubblewrap() {
    }

    /** Whether this machine can start a sandbox, and with what. */
    public record Probe(boolean available, String version, String reason) {
    }

    /**
     * What one sandboxed command may see and do; paths are absolute.
     *
     * @param gitDirs    git directories and the worktree's `.git` file: read-only whatever else is writable
     * @param socketFilter the seccomp program that refuses unix-domain sockets (see {@link UnixSocketFilter}), or
     *                   null; bubblewrap reads it from fd 3 when the command starts
     * @param checkout   the repository's main checkout, seen read-only (writable under `full`) even under /tmp,
     *                   which the sandbox replaces with a private directory; null for none
     */
    public record Plan(Sandbox.Filesystem filesystem, boolean network, Path worktree, List<Path> gitDirs,
                       List<Path> writable, List<Path> hidden, Path tmp, Path socketFilter, Path checkout) {
    }

    /** Whether wtcraft runs as root (uid 0): the sandbox then drops every capability, which it does anyway. */
    public static boolean root() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.substring(4).strip().split("\\s+")[1].equals("0"); // the effective uid
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux: fall through to the name
        }
        return "root".equals(System.getProperty("user.name"));
    }

    /** The bubblewrap binary: -Dwtcraft.bwrap, else $WTCRAFT_BWRAP, else bwrap on PATH. */
    public static String binary() {
        String b = System.getProperty("wtcraft.bwrap");
        if (b == null || b.isEmpty()) {
            b = System.getenv("WTCRAFT_BWRAP");
        }
        return b == null || b.isEmpty() ? "bwrap" : b;
    }

    /** Asks once per process (and binary): is bwrap installed, can it make its namespaces (user namespaces may be off)? */
    public static Probe probe() {
        return PROBES.computeIfAbsent(binary(), Bubblewrap::detect);
    }

    private static Probe detect(String bwrap) {
        Exec.Result version;
        try {
            version = Exec.run(Path.of("/"), List.of(bwrap, "--version"), Map.of(), null);
        } catch (RuntimeException e) {
            return new Probe(false, null, "bubblewrap is not installed (apt-get install bubblewrap)");
        }
        if (!version.ok()) {
            return new Probe(false, null, "bwrap --version failed: " + version.stderr().strip());
        }
        String v = version.stdoutText().strip();
        Exec.Result trial = Exec.run(Path.of("/"), List.of(bwrap, "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc",
                "--unshare-pid", "--unshare-net", "--die-with-parent", "true"), Map.of(), null);
        if (!trial.ok()) {
            String why = trial.stderr().strip();
            return new Probe(false, v, "bubblewrap cannot create its namespaces here (" + (why.isEmpty() ? "exit " + trial.exitCode() : why)
                    + "); user namespaces may be disabled (sysctl kernel.unprivileged_userns_clone / user.max_user_namespaces)");
        }
        return new Probe(true, v, null);
    }

    /** The command as it is started: after the sandbox's words, when there are any. */
    public static List<String> confine(List<String> words, List<String> argv) {
        if (words.isEmpty()) {
            return argv;
        }
        List<String> all = new ArrayList<>(words);
        all.addAll(argv);
        return all;
    }

    /** The argv that runs a command inside the sandbox: these words, then the command. */
    public static List<String> argv(Plan plan) {
        List<String> a = new ArrayList<>();
        boolean filter = !plan.network() && plan.socketFilter() != null;
        if (filter) {
            // bubblewrap takes a seccomp program only as a file descriptor: the file, opened as fd 3 for it
            a.addAll(List.of("sh", "-c", "exec \"$@\" 3<\"$0\"", plan.socketFilter().toString()));
        }
        // root (uid 0, as in most CI containers) would keep every capability inside and could remount the git
        // directories read-write: no process in the sandbox has any capability, whoever started it
        a.addAll(List.of(binary(), "--die-with-parent", "--unshare-pid", "--unshare-ipc", "--cap-drop", "ALL"));
        if (plan.filesystem() == Sandbox.Filesystem.FULL) {
            a.addAll(List.of("--bind", "/", "/"));
        } else {
            a.addAll(List.of("--ro-bind", "/", "/"));
        }
        a.addAll(List.of("--dev", "/dev", "--proc", "/proc"));
        a.addAll(List.of("--bind", plan.tmp().toString(), "/tmp", "--setenv", "TMPDIR", "/tmp"));
        if (plan.checkout() != null && plan.checkout().startsWith("/tmp")) {
            // the private /tmp would hide a repository that lives under /tmp: its main checkout stays readable
            // (writable only where the whole filesystem is), as it is everywhere else
            a.addAll(List.of(plan.filesystem() == Sandbox.Filesystem.FULL ? "--bind" : "--ro-bind",
                    plan.checkout().toString(), plan.checkout().toString()));
        }
        for (Path h : plan.hidden()) {
            if (plan.worktree().startsWith(h)) {
                // the worktree is inside a hidden directory (other worktrees): hide, then show the worktree again
                a.addAll(List.of("--tmpfs", h.toString()));
            } else if (Files.isDirectory(h, LinkOption.NOFOLLOW_LINKS)) {
                a.addAll(List.of("--tmpfs", h.toString(), "--remount-ro", h.toString()));
            } else if (Files.exists(h, LinkOption.NOFOLLOW_LINKS)) {
                a.addAll(List.of("--ro-bind", "/dev/null", h.toString()));
            }
        }
        if (plan.filesystem() == Sandbox.Filesystem.READ_ONLY) {
            a.addAll(List.of("--ro-bind", plan.worktree().toString(), plan.worktree().toString()));
        } else {
            a.addAll(List.of("--bind", plan.worktree().toString(), plan.worktree().toString()));
        }
        for (Path h : plan.hidden()) {
            if (plan.worktree().startsWith(h)) {
                a.addAll(List.of("--remount-ro", h.toString()));
            }
        }
        for (Path w : plan.writable()) {
            if (Files.exists(w)) {
                a.addAll(List.of("--bind", w.toString(), w.toString()));
            }
        }
        for (Path g : plan.gitDirs()) {
            if (Files.exists(g, LinkOption.NOFOLLOW_LINKS)) {
                a.addAll(List.of("--ro-bind", g.toString(), g.toString()));
            }
        }
        if (!plan.network()) {
            a.add("--unshare-net");
            if (filter) {
                a.addAll(List.of("--seccomp", "3"));
            }
        }
        a.addAll(List.of("--chdir", plan.worktree().toString(), "--"));
        return a;
    }
}
