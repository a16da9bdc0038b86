package dev.wtcraft.git;

import dev.wtcraft.io.Sha256;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Predicate;

/**
 * What a task worktree changed, as git sees it, and a snapshot of those contents.
 *
 * <p>All three listings come from the git CLI with NUL-separated output, run in parallel: the JVM's file API
 * cannot name files whose names are not valid UTF-8 (measured: JGit reports them as U+FFFD and cannot read
 * them), and loading JGit costs ~125 ms per call for a three-dot diff that git answers in ~4 ms.
 */
public final class WorkingTree {
    private final Path worktree;
    private final GitCli git;
    private final Predicate<String> localFiles;
    /** The commit whose ignore rules say what is build output; empty: the worktree's own rules (not made by wtcraft). */
    private final Optional<String> ignoreBase;
    private List<String> excludeArgs;

    /**
     * @param localFiles names that are the tool's own bookkeeping: at the root they are no content, and untracked
     *                   files so named (at any depth) are no changes
     */
    public WorkingTree(Path worktree, Predicate<String> localFiles) {
        this.worktree = worktree;
        this.git = new GitCli(worktree);
        this.localFiles = localFiles;
        this.ignoreBase = BaseExcludes.recorded(worktree);
    }

    private WorkingTree(WorkingTree of) {
        this.worktree = of.worktree;
        this.git = of.git.forOneOperation();
        this.localFiles = of.localFiles;
        this.ignoreBase = of.ignoreBase;
    }

    /** This tree for one scan or snapshot: its git calls share one reading of git's configuration. */
    private WorkingTree once() {
        return new WorkingTree(this);
    }

    /**
     * Records, in the worktree's git directory (which the engine cannot write), the commit whose ignore rules decide
     * what counts as build output. wtcraft does this when it creates the worktree, from the commit it started at.
     */
    public static void recordIgnoreRules(Path worktree, String commit) {
        BaseExcludes.record(worktree, commit);
    }

    /** The three parts of the changed-file union, each in git's order. */
    public record Changes(List<GitPath> committed, List<GitPath> tracked, List<GitPath> untracked) {
        /** The union in first-seen order, without duplicates, deletions included. */
        public List<String> files() {
            Set<String> all = new LinkedHashSet<>();
            committed.forEach(p -> all.add(p.text()));
            tracked.forEach(p -> all.add(p.text()));
            untracked.forEach(p -> all.add(p.text()));
            return List.copyOf(all);
        }
    }

    /**
     * The changed files and the snapshot of their contents, taken in one pass.
     *
     * @param looked   the changed paths whose kind the snapshot already read (tracked changes, untracked files)
     * @param symlinks those of them that are symbolic links
     */
    public record Scan(Changes changes, String snapshot, Set<String> looked, Set<String> symlinks,
                       List<GitPath> ignored) {
        /** Whether a changed path may be a symlink: it is one, or the scan did not look at it. */
        public boolean maybeSymlink(String path) {
            return symlinks.contains(path) || !looked.contains(path);
        }
    }

    /**
     * The changed-file union (`git diff --name-only base...HEAD`, `git diff --name-only HEAD`, untracked files git
     * does not ignore) and the snapshot of their contents, overlapped: untracked files are hashed while
     * git is still comparing tracked ones. Empty when the base cannot be resolved.
     */
    public Optional<Scan> scan(String base, String specDigest) {
        return once().scanNow(base, specDigest);
    }

    private Optional<Scan> scanNow(String base, String specDigest) {
        var committed = CompletableFuture.supplyAsync(() ->
                git.run("diff", "--name-only", "--no-renames", "-z", base + "...HEAD", "--"));
        var tracked = CompletableFuture.supplyAsync(this::trackedChanges);
        var head = CompletableFuture.supplyAsync(this::head);
        excludes();
        var ignored = CompletableFuture.supplyAsync(this::ignored);
        List<GitPath> untracked = untracked();
        List<String> untrackedHashes = hashAll(untracked);
        var committedResult = join(committed);
        if (!committedResult.ok()) {
            return Optional.empty();
        }
        List<GitPath> trackedPaths = join(tracked);
        Changes changes = new Changes(paths(committedResult.stdout()), trackedPaths, untracked);
        List<GitPath> ownTracked = ownFiles(trackedPaths);
        List<String> trackedHashes = hashAll(ownTracked);
        Set<String> looked = new java.util.HashSet<>();
        Set<String> symlinks = new java.util.HashSet<>();
        notice(ownTracked, trackedHashes, looked, symlinks);
        notice(untracked, untrackedHashes, looked, symlinks);
        String snapshot = digest(join(head), specDigest, ownTracked, trackedHashes, untracked, untrackedHashes);
        return Optional.of(new Scan(changes, snapshot, looked, symlinks, join(ignored)));
    }

    /**
     * Tracked files whose working-tree content differs from HEAD, staged or not, deletions included; files that
     * `skip-worktree` or `assume-unchanged` hide from git are compared with HEAD here instead.
     */
    public List<GitPath> trackedChanges() {
        var flagged = CompletableFuture.supplyAsync(() -> IndexFlags.hiddenChanges(git, worktree));
        List<GitPath> changed = paths(git.bytes("diff", "--name-only", "--no-renames", "-z", "HEAD", "--"));
        List<GitPath> hidden = join(flagged);
        if (hidden.isEmpty()) {
            return changed;
        }
        Set<GitPath> all = new LinkedHashSet<>(changed);
        all.addAll(hidden);
        return List.copyOf(all);
    }

    /** Untracked files that are not build output (by the base's ignore rules), the local task files left out. */
    public List<GitPath> untracked() {
        List<String> cmd = new ArrayList<>(List.of("ls-files", "-z", "--others"));
        cmd.addAll(excludes());
        return withoutLocal(paths(git.bytes(cmd.toArray(String[]::new))));
    }

    /**
     * Untracked build output: what the base's ignore rules ignore, each wholly ignored directory once (`dir/`).
     * Judged against Off-limits only.
     */
    public List<GitPath> ignored() {
        List<String> cmd = new ArrayList<>(List.of("ls-files", "-z", "--others", "--ignored", "--directory",
                "--no-empty-directory"));
        cmd.addAll(excludes());
        return withoutLocal(paths(git.bytes(cmd.toArray(String[]::new))));
    }

    /** The ignored files under one wholly ignored directory (`dir/`), listed one by one. */
    public List<GitPath> ignoredUnder(String dir) {
        List<String> cmd = new ArrayList<>(List.of("--literal-pathspecs", "ls-files", "-z", "--others", "--ignored"));
        cmd.addAll(excludes());
        cmd.add("--");
        cmd.add(dir);
        return withoutLocal(paths(git.bytes(cmd.toArray(String[]::new))));
    }

    private synchronized List<String> excludes() {
        if (excludeArgs == null) {
            excludeArgs = ignoreBase.map(commit -> List.of("--exclude-from=" + BaseExcludes.file(git, worktree, commit)))
                    .orElse(List.of("--exclude-standard"));
        }
        return excludeArgs;
    }

    private List<GitPath> withoutLocal(List<GitPath> listed) {
        List<GitPath> out = new ArrayList<>(listed.size());
        for (GitPath p : listed) {
            String name = p.text().substring(p.text().lastIndexOf('/') + 1);
            if (p.text().endsWith("/") || !localFiles.test(name)) {
                out.add(p);
            }
        }
        return out;
    }

    public String head() {
        return git.text("rev-parse", "--verify", "HEAD").strip();
    }

    /** A snapshot of the worktree as it is now; see {@link #snapshot(String, List, List)}. */
    public String snapshot(String specDigest) {
        return once().snapshotNow(specDigest);
    }

    private String snapshotNow(String specDigest) {
        excludes();
        var tracked = CompletableFuture.supplyAsync(this::trackedChanges);
        List<GitPath> untracked = untracked();
        return snapshot(specDigest, join(tracked), untracked);
    }

    /**
     * A hash over HEAD, the spec digest, and the content of every path that differs from HEAD (tracked changes and
     * untracked files; the local task files excluded): the same facts as HEAD plus the binary diff against it, so
     * equal snapshots mean the same contents were judged.
     */
    public String snapshot(String specDigest, List<GitPath> tracked, List<GitPath> untracked) {
        List<GitPath> ownTracked = ownFiles(tracked);
        return digest(head(), specDigest, ownTracked, hashAll(ownTracked), untracked, hashAll(untracked));
    }

    /** Tracked changes without the local task files (a force-committed contract is check's business, not content). */
    private List<GitPath> ownFiles(List<GitPath> tracked) {
        return tracked.stream().filter(p -> !localFiles.test(p.text())).toList();
    }

    /** Which paths the hashes describe, and which of them are symlinks (their hash says so). */
    private static void notice(List<GitPath> paths, List<String> hashes, Set<String> looked, Set<String> symlinks) {
        for (int i = 0; i < paths.size(); i++) {
            if (paths.get(i).isUtf8()) {
                looked.add(paths.get(i).text());
                if (hashes.get(i) != null && hashes.get(i).startsWith("symlink ")) {
                    symlinks.add(paths.get(i).text());
                }
            }
        }
    }

    private String digest(String head, String specDigest, List<GitPath> changedTracked, List<String> trackedHashes,
                          List<GitPath> untracked, List<String> untrackedHashes) {
        Sha256 h = new Sha256();
        h.line("wtcraft-snapshot-v1");
        h.line("head " + head);
        h.line("spec " + (specDigest == null ? "-" : specDigest));
        for (int i = 0; i < changedTracked.size(); i++) {
            h.line("tracked " + HexFormat.of().formatHex(changedTracked.get(i).raw()) + " " + trackedHashes.get(i));
        }
        for (int i = 0; i < untracked.size(); i++) {
            h.line("untracked " + HexFormat.of().formatHex(untracked.get(i).raw()) + " " + untrackedHashes.get(i));
        }
        return h.hex();
    }

    /** Content hashes in input order; read in parallel, names the JVM cannot open are hashed by git. */
    private List<String> hashAll(List<GitPath> paths) {
        if (paths.isEmpty()) {
            return List.of();
        }
        List<String> hashes = paths.parallelStream()
                .map(p -> p.isUtf8() ? contentHash(worktree.resolve(p.text())) : null)
                .toList();
        List<Integer> viaGit = new ArrayList<>();
        for (int i = 0; i < hashes.size(); i++) {
            if (hashes.get(i) == null) {
                viaGit.add(i);
            }
        }
        if (viaGit.isEmpty()) {
            return hashes;
        }
        List<String> filled = new ArrayList<>(hashes);
        List<GitPath> asked = viaGit.stream().map(paths::get).toList();
        List<String> ids = hashThroughGit(asked);
        for (int k = 0; k < viaGit.size(); k++) {
            filled.set(viaGit.get(k), ids.get(k));
        }
        return filled;
    }

    /** One digest per thread: MessageDigest.getInstance per file costs more than hashing a small file. */
    private static final ThreadLocal<java.security.MessageDigest> DIGEST = ThreadLocal.withInitial(() -> {
        try {
            return java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });
    private static final int SMALL_FILE = 256 * 1024;

    private static String contentHash(Path file) {
        try {
            var attrs = Files.readAttributes(file, java.nio.file.attribute.PosixFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (attrs.isSymbolicLink()) {
                return "symlink " + Files.readSymbolicLink(file);
            }
            if (!attrs.isRegularFile()) {
                return "other";
            }
            var md = DIGEST.get();
            md.reset();
            if (attrs.size() <= SMALL_FILE) {
                md.update(Files.readAllBytes(file));
            } else {
                byte[] buf = new byte[64 * 1024];
                try (InputStream in = Files.newInputStream(file)) {
                    for (int n; (n = in.read(buf)) > 0; ) {
                        md.update(buf, 0, n);
                    }
                }
            }
            boolean executable = attrs.permissions().contains(java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE);
            return (executable ? "x " : "f ") + HexFormat.of().formatHex(md.digest());
        } catch (java.nio.file.NoSuchFileException e) {
            return "deleted";
        } catch (IOException e) {
            return "unreadable " + e.getClass().getSimpleName();
        }
    }

    /** git gets the raw name bytes on stdin, one per line; a name containing a newline cannot be asked that way. */
    private List<String> hashThroughGit(List<GitPath> paths) {
        ByteArrayOutputStream names = new ByteArrayOutputStream();
        List<Integer> asked = new ArrayList<>();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            byte[] raw = paths.get(i).raw();
            boolean newline = false;
            for (byte b : raw) {
                newline |= b == '\n';
            }
            out.add(newline ? "unhashable" : null);
            if (!newline) {
                names.writeBytes(raw);
                names.write('\n');
                asked.add(i);
            }
        }
        if (!asked.isEmpty()) {
            var result = git.run(names.toByteArray(), "hash-object", "--no-filters", "--stdin-paths");
            String[] ids = result.stdoutText().split("\n");
            for (int k = 0; k < asked.size(); k++) {
                out.set(asked.get(k), k < ids.length && !ids[k].isBlank() ? "git " + ids[k] : "deleted");
            }
        }
        return out;
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }

    private static List<GitPath> paths(byte[] nulSeparated) {
        List<GitPath> out = new ArrayList<>();
        for (byte[] raw : GitCli.splitNul(nulSeparated)) {
            out.add(GitPath.of(raw));
        }
        return out;
    }
}
