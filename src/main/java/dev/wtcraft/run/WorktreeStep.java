package dev.wtcraft.run;

import dev.wtcraft.contract.SignOff;
import dev.wtcraft.git.GitCli;
import dev.wtcraft.plan.EffectiveTask;
import dev.wtcraft.task.TaskCreator;
import dev.wtcraft.task.TaskRecord;
import dev.wtcraft.task.TaskWorktree;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The first step of a task: its worktree from its base with the contract written, its other dependencies merged
 * in, and what `finish` will need remembered.
 */
final class WorktreeStep {
    /** Worktree creation and merges touch the repository's shared git state: one task at a time. */
    private static final Object GIT_SETUP = new Object();

    private WorktreeStep() {
    }

    /** The prepared worktree and the commit it starts from, or why the task cannot start (then no commit). */
    record Prepared(TaskWorktree worktree, String baseCommit, String skipped) {
    }

    static Prepared run(TaskContext t, String defaultBase) {
        EffectiveTask task = t.task();
        String carried = task.def().dependsOn().isEmpty() ? t.control().startFrom.get(t.base()) : null;
        String from = carried != null ? carried : t.base();
        t.step("worktree worktrees/" + task.name() + " from " + t.base()
                + (carried == null ? "" : " with the main checkout's uncommitted work (" + carried.substring(0, 12) + ")"));
        TaskWorktree wt;
        String mergeProblem;
        synchronized (GIT_SETUP) {
            var def = task.def();
            wt = TaskCreator.create(t.layout(), new TaskCreator.Spec(task.name(), from,
                    task.prompt().isBlank() ? null : task.prompt(), def.scope(), def.offLimits(),
                    def.verify().stream().map(s -> s.command()).toList(), null, def.engine(), def.dependsOn(),
                    "Created by `wtcraft run` " + t.control().runId + " from " + def.location() + ".",
                    boundarySections(task)),
                    t.control().env, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).worktree();
            mergeProblem = TaskBranch.mergeOtherDependencies(def, wt.path());
            remember(t, wt, defaultBase);
        }
        if (mergeProblem != null) {
            return new Prepared(wt, null, mergeProblem);
        }
        String commit = new GitCli(wt.path()).text("rev-parse", "HEAD").strip();
        Map<String, Object> created = new LinkedHashMap<>(Map.of("worktree", wt.path().toString(), "branch", task.name(),
                "base", t.base(), "base_commit", commit));
        if (carried != null) {
            created.put("carried_uncommitted", carried);
        }
        t.events().append("worktree.created", created);
        return new Prepared(wt, commit, null);
    }

    /**
     * What finish needs later, in the task's sign-off record (and, for people, the state file's extras): the run, the branch the task lands on (the run's base,
     * even when it started from a dependency's branch), and whether it needs an approving review.
     */
    private static void remember(TaskContext t, TaskWorktree wt, String defaultBase) {
        var record = TaskRecord.load(wt, null);
        var review = t.task().review();
        boolean required = review != null && review.required();
        String landOn = t.task().def().base() != null ? t.task().def().base() : defaultBase;
        SignOff.update(t.layout(), t.name(), s -> SignOff.planned(t.control().runId, landOn, required));
        record.save(record.state().edit().extra(SignOff.RUN_ID, t.control().runId).extra(SignOff.LAND_ON, landOn)
                .extra(SignOff.REVIEW_REQUIRED, required ? "true" : null).build(Instant.now()));
    }

    /** The contract's `## Sandbox` and `## Policy` sections, for what the task declares of them. */
    private static Map<String, List<String>> boundarySections(EffectiveTask task) {
        Map<String, List<String>> sections = new LinkedHashMap<>();
        if (task.sandbox() != null) {
            sections.put("Sandbox", task.sandbox().contractLines());
        }
        if (task.policy() != null) {
            sections.put("Policy", task.policy().contractLines());
        }
        return sections;
    }
}
