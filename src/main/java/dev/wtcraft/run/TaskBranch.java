package dev.wtcraft.run;

import dev.wtcraft.git.GitCli;
import dev.wtcraft.ledger.EventLog;
import dev.wtcraft.model.TaskDef;

import java.nio.file.Path;
import java.util.Map;

/** What a run does to a task's branch with git: start it from several dependencies, commit the engine's work. */
final class TaskBranch {
    private TaskBranch() {
    }

    /**
     * Agents usually leave their work uncommitted; the task's branch must carry it, or a dependent task would
     * start without it. Local task files stay out (they are ignored). Author: the repository's identity, else wtcraft.
     */
    static void commitWork(Path worktree, TaskDef task, String runId, int attempt, EventLog events) {
        GitCli git = new GitCli(worktree);
        if (git.text("status", "--porcelain", "--untracked-files=all").isBlank()) {
            return;
        }
        git.text("add", "-A");
        git.text(git.identity(), "commit", "-q", "--no-verify", "-m", "wtcraft: " + task.name()
                + (task.engine() == null ? "" : " by " + task.engine()) + " (run " + runId
                + (attempt > 1 ? ", attempt " + attempt : "") + ")");
        events.append("commit", Map.of("commit", git.text("rev-parse", "HEAD").strip(), "branch", task.name()));
    }

    /**
     * A task with several dependencies starts from the first one's branch and merges the others; its contract's
     * base becomes the merged commit, so check counts only the task's own changes. Null when all went well.
     */
    static String mergeOtherDependencies(TaskDef task, Path worktree) {
        if (task.dependsOn().size() < 2) {
            return null;
        }
        GitCli git = new GitCli(worktree);
        for (String dep : task.dependsOn().subList(1, task.dependsOn().size())) {
            var merged = git.run("-c", "user.name=wtcraft", "-c", "user.email=wtcraft@localhost",
                    "merge", "--no-edit", "--no-ff", "-m", "wtcraft: start " + task.name() + " from " + dep, dep);
            if (!merged.ok()) {
                git.run("merge", "--abort");
                String why = (merged.stdoutText() + merged.stderr()).lines().map(String::strip)
                        .filter(l -> !l.isEmpty()).findFirst().orElse("git merge failed");
                return "skipped: its dependencies " + task.dependsOn().get(0) + " and " + dep
                        + " do not merge cleanly (" + why + ")";
            }
        }
        String head = git.text("rev-parse", "HEAD").strip();
        Path contract = worktree.resolve(dev.wtcraft.contract.TaskFiles.TASK_FILE);
        String text = dev.wtcraft.contract.TaskFileReader.read(contract, "contract");
        dev.wtcraft.io.AtomicFiles.write(contract,
                text.replaceFirst("(?m)^base: .*$", java.util.regex.Matcher.quoteReplacement("base: " + head)));
        return null;
    }
}
