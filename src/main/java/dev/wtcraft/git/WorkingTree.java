package dev.wtcraft.git;

import dev.wtcraft.io.Sha256;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What a task worktree changed, as git sees it, and a snapshot of those contents.
 *
 * <p>Committed history is read through JGit; the working tree through the git CLI with NUL-separated output,
 * because the JVM's file API cannot name files whose names are not valid UTF-8 (measured: JGit reports them as
 * U+FFFD and cannot read them), and because git's own index-stat scan is the floor we are measured against.
 */
public final class WorkingTree {
    private final Path worktree;
    private final GitCli git;
    private final Predicate<String> localFiles;

    /** @param localFiles names that are the tool's own bookkeeping and never count as untracked changes */
    public WorkingTree(Path worktree, Predicate<String> localFiles) {
        this.worktree = worktree;
        this.git = new GitCli(worktree);
        this.localFiles = localFiles;
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

    /** Empty when the base cannot be resolved or has no merge-base with HEAD. */
    public Optional<Changes> changes(String base) {
        Optional<List<GitPath>> committed;
        try (History history = History.open(worktree)) {
            committed = history.changedSinceMergeBase(base);
        }
        if (committed.isEmpty()) {
            return Optional.empty();
        }
        List<GitPath> tracked = paths(git.bytes("diff", "--name-only", "--no-renames", "-z", "HEAD", "--"));
        return Optional.of(new Changes(committed.get(), tracked, untracked()));
    }

    public List<GitPath> untracked() {
        List<GitPath> out = new ArrayList<>();
        for (GitPath p : paths(git.bytes("ls-files", "-z", "--others", "--exclude-standard"))) {
            if (!localFiles.test(p.text())) {
                out.add(p);
            }
        }
        return out;
    }

    public String head() {
        return git.text("rev-parse", "--verify", "HEAD").strip();
    }

    /**
     * A hash over HEAD, the spec digest, the binary diff of tracked files against HEAD, and each untracked file's
     * path and content (the local task files excluded): equal snapshots mean the same contents were judged.
     */
    public String snapshot(String specDigest, List<String> localFileNames) {
        return snapshot(specDigest, localFileNames, untracked());
    }

    /** The same, reusing an untracked listing the caller already has. */
    public String snapshot(String specDigest, List<String> localFileNames, List<GitPath> untracked) {
        Sha256 h = new Sha256();
        h.line("wtcraft-snapshot-v1");
        h.line("head " + head());
        h.line("spec " + (specDigest == null ? "-" : specDigest));
        List<String> diff = new ArrayList<>(List.of("diff", "--binary", "--no-renames", "--no-ext-diff",
                "--no-textconv", "--no-color", "HEAD", "--", "."));
        localFileNames.forEach(n -> diff.add(":(exclude,top)" + n));
        byte[] patch = git.bytes(diff.toArray(String[]::new));
        h.line("diff " + patch.length);
        h.bytes(patch);
        List<GitPath> unreadable = new ArrayList<>();
        for (GitPath p : untracked) {
            if (!p.isUtf8()) {
                unreadable.add(p);
                continue;
            }
            h.line("untracked " + p.text() + " " + contentHash(worktree.resolve(p.text())));
        }
        if (!unreadable.isEmpty()) {
            hashThroughGit(h, unreadable);
        }
        return h.hex();
    }

    private static String contentHash(Path file) {
        try {
            if (Files.isSymbolicLink(file)) {
                return "symlink " + Files.readSymbolicLink(file);
            }
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return "other";
            }
            Sha256 h = new Sha256();
            byte[] buf = new byte[64 * 1024];
            try (InputStream in = Files.newInputStream(file)) {
                for (int n; (n = in.read(buf)) > 0; ) {
                    h.bytes(buf, 0, n);
                }
            }
            return (Files.isExecutable(file) ? "x " : "f ") + h.hex();
        } catch (IOException e) {
            return "unreadable " + e.getClass().getSimpleName();
        }
    }

    /** Names the JVM cannot open are hashed by git, which gets their raw bytes on stdin. */
    private void hashThroughGit(Sha256 h, List<GitPath> paths) {
        java.io.ByteArrayOutputStream names = new java.io.ByteArrayOutputStream();
        List<GitPath> asked = new ArrayList<>();
        for (GitPath p : paths) {
            boolean hasNewline = false;
            for (byte b : p.raw()) {
                hasNewline |= b == '\n';
            }
            if (hasNewline) {
                h.line("untracked-raw " + java.util.HexFormat.of().formatHex(p.raw()) + " unhashable");
            } else {
                names.writeBytes(p.raw());
                names.write('\n');
                asked.add(p);
            }
        }
        if (asked.isEmpty()) {
            return;
        }
        var result = git.run(names.toByteArray(), "hash-object", "--no-filters", "--stdin-paths");
        String[] ids = result.stdoutText().split("\n");
        for (int i = 0; i < asked.size(); i++) {
            String id = i < ids.length ? ids[i] : "unreadable";
            h.line("untracked-raw " + java.util.HexFormat.of().formatHex(asked.get(i).raw()) + " " + id);
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
