package dev.wtcraft.git;

import dev.wtcraft.process.Exec;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads of refs and commits, through the git CLI. Opened on a worktree, HEAD is that worktree's HEAD. Many
 * revisions are resolved by one `git cat-file --batch-check`, so a run of a hundred tasks asks git once, not a
 * hundred times. (JGit answered these until it cost a tenth of a second of class loading per command, more
 * than the questions themselves: see CHANGELOG.)
 */
public final class History implements AutoCloseable {
    private final GitCli git;

    private History(GitCli git) {
        this.git = git;
    }

    public static History open(Path worktree) {
        return new History(new GitCli(worktree));
    }

    /** The commit a revision names (branch, remote branch, tag, id, HEAD~2 ...), if any. */
    public Optional<String> resolveCommit(String revision) {
        return Optional.ofNullable(resolveAll(List.of(revision)).get(revision));
    }

    /** Each revision's commit, in one git process; revisions that name no commit are left out. */
    public Map<String, String> resolveAll(Collection<String> revisions) {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> asked = revisions.stream().distinct()
                .filter(r -> !r.isBlank() && r.indexOf('\n') < 0 && !r.startsWith("-")).toList();
        if (asked.isEmpty()) {
            return out;
        }
        StringBuilder in = new StringBuilder();
        asked.forEach(r -> in.append(r).append("^{commit}\n"));
        Exec.Result r = git.run(in.toString().getBytes(StandardCharsets.UTF_8), "cat-file", "--batch-check=%(objectname)");
        if (!r.ok()) {
            return out;
        }
        List<String> lines = r.stdoutText().lines().toList();
        for (int i = 0; i < asked.size() && i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.matches("[0-9a-f]{40,64}")) {
                out.put(asked.get(i), line);
            }
        }
        return out;
    }

    public Optional<String> head() {
        return resolveCommit("HEAD");
    }

    /** The target of a symbolic ref by its full name (HEAD, refs/remotes/origin/HEAD), if it is one. */
    public Optional<String> symbolicTarget(String refName) {
        Exec.Result r = git.run("symbolic-ref", "-q", refName);
        return r.ok() ? Optional.of(r.stdoutText().strip()) : Optional.empty();
    }

    /** Every local branch's name, in one git process. */
    public java.util.Set<String> branches() {
        Exec.Result r = git.run("for-each-ref", "--format=%(refname:lstrip=2)", "refs/heads");
        return r.ok() ? new java.util.HashSet<>(r.stdoutText().lines().toList()) : java.util.Set.of();
    }

    public boolean hasRef(String refName) {
        return git.succeeds("show-ref", "--verify", "-q", refName);
    }

    @Override
    public void close() {
        // nothing held open: every question is its own git process
    }
}
