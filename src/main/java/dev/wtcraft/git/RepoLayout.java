package dev.wtcraft.git;

import dev.wtcraft.WtcraftException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A repository as the tool sees it: the primary worktree root and every linked worktree. */
public record RepoLayout(Path root, List<WorktreeEntry> worktrees) {

    /** The directory under the root where task worktrees live. */
    public static final String WORKTREES_DIR = "worktrees";

    /** Finds the repository that contains {@code start}; its root is the first entry of `git worktree list`. */
    public static RepoLayout locate(Path start) {
        if (!Files.isDirectory(start)) {
            throw WtcraftException.fatal("not a directory: " + start);
        }
        var result = new GitCli(start).run("worktree", "list", "--porcelain", "-z");
        if (!result.ok()) {
            throw WtcraftException.fatal("not a git repository: " + start
                    + " (run inside a repository or pass --repo PATH)");
        }
        List<WorktreeEntry> entries = parse(result.stdout());
        if (entries.isEmpty()) {
            throw WtcraftException.fatal("not a git repository: " + start);
        }
        if (entries.get(0).bare()) {
            throw WtcraftException.fatal("bare repositories are not supported: " + entries.get(0).path());
        }
        return new RepoLayout(entries.get(0).path(), List.copyOf(entries));
    }

    static List<WorktreeEntry> parse(byte[] porcelain) {
        List<WorktreeEntry> entries = new ArrayList<>();
        Builder current = null;
        int start = 0;
        for (int i = 0; i <= porcelain.length; i++) {
            if (i < porcelain.length && porcelain[i] != 0) {
                continue;
            }
            String field = new String(porcelain, start, i - start, StandardCharsets.UTF_8);
            start = i + 1;
            if (field.isEmpty()) {
                if (current != null) {
                    entries.add(current.build());
                    current = null;
                }
                continue;
            }
            int space = field.indexOf(' ');
            String key = space < 0 ? field : field.substring(0, space);
            String value = space < 0 ? "" : field.substring(space + 1);
            if (key.equals("worktree")) {
                if (current != null) {
                    entries.add(current.build());
                }
                current = new Builder(Path.of(value));
            } else if (current != null) {
                switch (key) {
                    case "HEAD" -> current.head = value;
                    case "branch" -> current.branch = value;
                    case "bare" -> current.bare = true;
                    case "detached" -> current.detached = true;
                    case "locked" -> current.locked = true;
                    case "prunable" -> current.prunable = true;
                    default -> { } // fields added by newer git releases are not ours to judge
                }
            }
        }
        if (current != null) {
            entries.add(current.build());
        }
        return entries;
    }

    /** The linked worktrees, without the primary one. */
    public List<WorktreeEntry> linked() {
        return worktrees.subList(1, worktrees.size());
    }

    public Path worktreesDir() {
        return root.resolve(WORKTREES_DIR);
    }

    private static final class Builder {
        final Path path;
        String head;
        String branch;
        boolean bare;
        boolean detached;
        boolean locked;
        boolean prunable;

        Builder(Path path) {
            this.path = path;
        }

        WorktreeEntry build() {
            return new WorktreeEntry(path, head, branch, bare, detached, locked, prunable);
        }
    }
}
