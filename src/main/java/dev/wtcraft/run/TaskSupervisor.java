package dev.wtcraft.run;

import dev.wtcraft.WtcraftException;
import dev.wtcraft.contract.TaskFileException;
import dev.wtcraft.engine.Engine;
import dev.wtcraft.engine.EngineResult;
import dev.wtcraft.git.GitException;
import dev.wtcraft.git.RepoLayout;
import dev.wtcraft.ledger.EventLog;
import dev.wtcraft.ledger.LedgerDocument;
import dev.wtcraft.ledger.Spend;
import dev.wtcraft.ledger.TaskLedger;
import dev.wtcraft.ledger.TaskMeta;
import dev.wtcraft.ledger.TaskOutcome;
import dev.wtcraft.plan.EffectiveTask;
import dev.wtcraft.plan.Plan;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The outer loop for one task: prepare its worktree (and run its setup), then attempts (engine, commit, check, verify, review: see
 * {@link Attempt}) until one passes or the attempts run out; a failed check, verification or review feeds the
 * next attempt, resuming the engine's session where it can. Attempt 1 is recorded in the task's ledger directory,
 * attempt N in `attempt-N/` under it.
 */
final class TaskSupervisor {
    private final RepoLayout layout;
    private final Plan plan;
    private final RunControl control;

    TaskSupervisor(RepoLayout layout, Plan plan, RunControl control) {
        this.layout = layout;
        this.plan = plan;
        this.control = control;
    }

    /** @param firstAttempt the number of this session's first attempt (after those a resumed run already holds) */
    TaskResult run(EffectiveTask task, TaskLedger tl, String defaultBase, int firstAttempt) {
        Instant started = Instant.now();
        Engine engine = task.engine() == null ? null : Engines.create(task.engine(), control::interrupted, control.prices,
                control.scripts);
        String base = Plan.base(task.def(), defaultBase);
        try (EventLog taskEvents = tl.openEvents()) {
            TaskContext t = new TaskContext(control, plan, layout, task, engine, base, tl, taskEvents);
            taskEvents.append("task.started", Map.of("task", task.name(), "attempts", task.attempts(),
                    "engine", task.def().engine() == null ? "none" : task.def().engine()));
            WorktreeStep.Prepared prepared = WorktreeStep.run(t, defaultBase);
            TaskResult.Workspace workspace = new TaskResult.Workspace(prepared.worktree().path(), task.name(), base);
            if (prepared.skipped() != null) {
                t.control().listener.finished(task.name(), prepared.skipped());
                taskEvents.append("task.skipped", Map.of("reason", prepared.skipped()));
                return finish(t, TaskOutcome.SKIPPED, prepared.skipped(), workspace, null, started, 1, Spend.NONE,
                        meta(t, workspace, null, started, null, TaskOutcome.SKIPPED, 1));
            }
            SetupStep.Result setup = SetupStep.run(t, prepared.worktree());
            if (setup != null && !setup.passed()) {
                TaskOutcome ended = control.interrupted() ? TaskOutcome.INTERRUPTED : TaskOutcome.SETUP_FAILED;
                taskEvents.append("task.finished", Map.of("outcome", ended.wire(), "reason", setup.reason(),
                        "attempts", 0));
                control.listener.finished(task.name(), ended.wire() + ": " + setup.reason());
                return finish(t, ended, setup.reason(), workspace, null, started, 1, Spend.NONE,
                        meta(t, workspace, prepared.baseCommit(), started, null, ended, 1));
            }
            AttemptResult last = null;
            int n = firstAttempt - 1;
            int lastAllowed = firstAttempt - 1 + task.attempts();
            Spend spent = Spend.NONE;
            while (n < lastAllowed) {
                n++;
                TaskLedger al = tl.attempt(n);
                Instant attemptStart = Instant.now();
                try (EventLog events = n == 1 ? null : al.openEvents()) {
                    last = Attempt.run(new AttemptContext(t, prepared.worktree(), prepared.baseCommit(), n, al,
                            events == null ? taskEvents : events, last, spent));
                }
                spent = spent.plus(last.spend());
                al.writeMeta(meta(t, workspace, prepared.baseCommit(), attemptStart, last.engine(), last.outcome(), n));
                if (!last.retryable() || n == lastAllowed || control.interrupted()) {
                    break;
                }
                t.step("attempt " + n + " of " + task.attempts() + " ended " + last.outcome().wire()
                        + "; trying again with feedback");
            }
            TaskResult result = finish(t, last.outcome(), last.reason(), workspace, last, started, n, spent, null);
            taskEvents.append("task.finished", Map.of("outcome", last.outcome().wire(), "reason", last.reason(),
                    "attempts", n));
            control.listener.finished(task.name(), last.outcome().wire()
                    + (last.outcome() == TaskOutcome.PASSED ? "" : ": " + last.reason())
                    + (n > 1 ? " (after " + n + " attempts)" : ""));
            return result;
        } catch (TaskFileException e) {
            // the task's own files were replaced or forged: this task ends; the others go on
            String reason = "its contract or state file cannot be trusted: " + e.getMessage();
            control.listener.finished(task.name(), TaskOutcome.CONTRACT_TAMPERED.wire() + ": " + reason);
            TaskContext t = new TaskContext(control, plan, layout, task, engine, base, tl, null);
            return finish(t, TaskOutcome.CONTRACT_TAMPERED, reason, null, null, started, 1, Spend.NONE,
                    meta(t, null, null, started, null, TaskOutcome.CONTRACT_TAMPERED, 1));
        } catch (WtcraftException | GitException | UncheckedIOException e) {
            // wtcraft itself could not go on (git refused, disk full): the task stops, the ledger says why
            String reason = "stopped by an error: " + e.getMessage();
            control.listener.finished(task.name(), reason);
            TaskContext t = new TaskContext(control, plan, layout, task, engine, base, tl, null);
            control.interrupt();
            return finish(t, TaskOutcome.INTERRUPTED, reason, null, null, started, 1, Spend.NONE,
                    meta(t, null, null, started, null, TaskOutcome.INTERRUPTED, 1));
        }
    }

    /** The task's result, its summary.md, and (when given) its meta.json. */
    private static TaskResult finish(TaskContext t, TaskOutcome outcome, String reason, TaskResult.Workspace workspace,
                                     AttemptResult last, Instant started, int attempts, Spend spent, TaskMeta meta) {
        TaskResult.Gates gates = last == null || last.check() == null ? TaskResult.Gates.NONE
                : new TaskResult.Gates(last.check().changedFiles(), last.check().violations(),
                last.verify() == null ? 0 : (int) last.verify().report().passedCount(),
                last.verify() == null ? 0 : last.verify().report().results().size());
        TaskResult r = new TaskResult(t.name(), outcome, reason, t.task().def().engine(), workspace, gates,
                Duration.between(started, Instant.now()), t.ledger().dir(), attempts, spent,
                last == null ? null : last.review());
        if (meta != null) {
            t.ledger().writeMeta(meta);
        }
        t.ledger().writeText("summary.md", TaskSummary.render(r, last == null || last.verify() == null ? null
                : last.verify().report()));
        return r;
    }

    static TaskMeta meta(TaskContext t, TaskResult.Workspace workspace, String baseCommit, Instant started,
                         EngineResult er, TaskOutcome outcome, int attempt) {
        var def = t.task().def();
        Path worktree = workspace == null ? null : workspace.worktree();
        return new TaskMeta(LedgerDocument.SCHEMA_VERSION, def.name(), def.engine(),
                t.engine() == null ? null : t.engine().describe(), worktree == null ? null : worktree.toString(),
                worktree == null ? null : def.name(), baseCommit, started, Instant.now(),
                er == null ? null : er.exitCode(), attempt, outcome, def.dependsOn(),
                er == null ? null : er.outcome(), er == null ? null : er.sessionId(), er == null ? List.of() : er.argv());
    }
}
