package dev.wtcraft.task;

import dev.wtcraft.WtcraftException;
import dev.wtcraft.contract.TaskState;
import dev.wtcraft.git.GitCli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * `policy approve`: writes a task's envelope from its contract onto {@link PolicyEnvelope#REF}, one commit per
 * approval, built with git plumbing in a private index (the main checkout's index and files are not touched) and
 * moved by compare-and-swap.
 */
public final class PolicyStore {
    private PolicyStore() {
    }

    public record Approved(PolicyEnvelope envelope, String commit) {
    }

    public static Approved approve(TaskWorktree wt, Duration validFor, Instant now) {
        TaskRecord task = TaskRecord.load(wt, null);
        String headRef = wt.entry().shortBranch();
        if (headRef == null) {
            throw WtcraftException.fatal("cannot approve " + wt.path() + ": it is on no branch (a pull request needs one)");
        }
        String base = task.contract().base().orElseGet(() -> CheckService.defaultBase(wt));
        GitCli git = new GitCli(wt.layout().root());
        var resolved = git.run("rev-parse", "--verify", "--quiet", base + "^{commit}");
        if (!resolved.ok()) {
            throw WtcraftException.fatal("unknown base: " + base + " (in " + wt.taskFile() + ")");
        }
        if (validFor.isNegative() || validFor.isZero()) {
            throw WtcraftException.fatal("--valid-for must be a positive duration, like 7d or 12h");
        }
        PolicyEnvelope envelope = new PolicyEnvelope(task.contract().get("task_id").orElse(headRef), headRef,
                resolved.stdoutText().strip(), task.contract().scope(), task.contract().offLimits(),
                task.contract().verification(), TaskState.timestamp(now), TaskState.timestamp(now.plus(validFor)));
        return new Approved(envelope, commit(git, envelope));
    }

    private static String commit(GitCli git, PolicyEnvelope envelope) {
        String blob = git.run(envelope.encode().getBytes(StandardCharsets.UTF_8), "hash-object", "-w", "--stdin").stdoutText().strip();
        var parent = git.run("rev-parse", "--verify", "--quiet", PolicyEnvelope.REF + "^{commit}");
        String old = parent.ok() ? parent.stdoutText().strip() : null;
        Path index;
        try {
            index = Files.createTempFile("wtcraft-policy", ".index");
            Files.delete(index);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Map<String, String> env = new HashMap<>(git.identity());
            env.put("GIT_INDEX_FILE", index.toString());
            if (old != null) {
                git.text(env, "read-tree", old);
            }
            git.text(env, "update-index", "--add", "--cacheinfo",
                    "100644," + blob + "," + PolicyEnvelope.pathFor(envelope.headRef()));
            String tree = git.text(env, "write-tree").strip();
            String message = "wtcraft policy: approve " + envelope.taskId() + " (" + envelope.headRef() + " on "
                    + envelope.baseSha() + ", until " + envelope.validUntil() + ")";
            String commit = (old == null ? git.text(env, "commit-tree", tree, "-m", message)
                    : git.text(env, "commit-tree", tree, "-p", old, "-m", message)).strip();
            git.text("update-ref", "-m", "wtcraft policy approve", PolicyEnvelope.REF, commit,
                    old == null ? "0".repeat(commit.length()) : old);
            return commit;
        } finally {
            try {
                Files.deleteIfExists(index);
            } catch (IOException ignored) {
                // a temporary index left in the temp directory harms nothing
            }
        }
    }
}
