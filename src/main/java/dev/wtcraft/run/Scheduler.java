package dev.wtcraft.run;

import dev.wtcraft.git.RepoLayout;
import dev.wtcraft.ledger.EventLog;
import dev.wtcraft.ledger.RunLedger;
import dev.wtcraft.ledger.Spend;
import dev.wtcraft.ledger.TaskLedger;
import dev.wtcraft.ledger.TaskOutcome;
import dev.wtcraft.model.Budget;
import dev.wtcraft.model.TaskDef;
import dev.wtcraft.plan.Collisions;
import dev.wtcraft.plan.Plan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Starts ready tasks (dependencies passed, no serialized partner running) up to {@code jobs} at a time, in plan
 * order; a task whose dependency failed is skipped, and so is everything once the run's budget is spent; on the
 * first failure with onFailure 'stop' the running ones are stopped and nothing new starts.
 */
final class Scheduler {
    private final RepoLayout layout;
    private final Plan plan;
    private final RunControl control;
    private final RunLedger ledger;
    private final String defaultBase;
    private final int jobs;
    private final List<Collisions.Pair> serialized;

    Scheduler(RepoLayout layout, Plan plan, RunControl control, RunLedger ledger, String defaultBase, int jobs,
              List<Collisions.Pair> serialized) {
        this.layout = layout;
        this.plan = plan;
        this.control = control;
        this.ledger = ledger;
        this.defaultBase = defaultBase;
        this.jobs = jobs;
        this.serialized = serialized;
    }

    /** @param reused tasks a resumed run keeps; {@code record} is told of every other task's result */
    void run(Map<String, TaskResult> reused, Consumer<TaskResult> record) {
        ExecutorService pool = Executors.newFixedThreadPool(jobs, r -> {
            Thread t = new Thread(r, "wtcraft-task");
            t.setDaemon(true);
            return t;
        });
        try {
            loop(pool, reused, record);
        } finally {
            pool.shutdownNow();
        }
    }

    private void loop(ExecutorService pool, Map<String, TaskResult> reused, Consumer<TaskResult> record) {
        CompletionService<TaskResult> done = new ExecutorCompletionService<>(pool);
        List<TaskDef> pending = new ArrayList<>(plan.order());
        pending.removeIf(t -> reused.containsKey(t.name()));
        Map<String, TaskResult> finished = new HashMap<>(reused);
        Set<String> running = new LinkedHashSet<>();
        while (!pending.isEmpty() || !running.isEmpty()) {
            for (var it = pending.iterator(); it.hasNext(); ) {
                TaskDef t = it.next();
                String blocker = blocker(t, finished);
                if (blocker != null) {
                    it.remove();
                    TaskResult skipped = skip(t, blocker, blocker.startsWith(RUN_BUDGET)
                            ? TaskOutcome.BUDGET : TaskOutcome.SKIPPED);
                    finished.put(t.name(), skipped);
                    record.accept(skipped);
                    continue;
                }
                boolean ready = t.dependsOn().stream().allMatch(finished::containsKey);
                boolean clash = running.stream().anyMatch(r -> serialized.stream().anyMatch(p -> p.involves(r, t.name())));
                if (ready && !clash && running.size() < jobs) {
                    it.remove();
                    running.add(t.name());
                    TaskLedger tl = ledger.task(t.name());
                    int first = tl.attemptsRecorded() + 1;
                    var task = plan.effective(t);
                    done.submit(() -> new TaskSupervisor(layout, plan, control).run(task, tl, defaultBase, first));
                }
            }
            if (running.isEmpty()) {
                continue;
            }
            TaskResult result;
            try {
                result = done.take().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                control.stopAll("interrupted");
                return;
            } catch (ExecutionException e) {
                throw new IllegalStateException("a task thread failed: " + e.getCause(), e.getCause());
            }
            running.remove(result.task());
            finished.put(result.task(), result);
            record.accept(result);
            if (plan.recipe().defaults().stopOnFailure() && result.outcome() != TaskOutcome.PASSED
                    && control.stopReason() == null) {
                control.stopAtFailure("the run stopped at the first failure (" + result.task() + " ended "
                        + result.outcome().wire() + ")");
            }
        }
    }

    /** Why a task cannot start at all, or null. */
    private String blocker(TaskDef t, Map<String, TaskResult> finished) {
        Budget runBudget = plan.recipe().defaults().budget();
        if (runBudget != null) {
            Spend total = finished.values().stream().map(TaskResult::spend).reduce(Spend.NONE, Spend::plus);
            if (runBudget.exceededBy(total.tokens(), total.estimatedUsd())) {
                return RUN_BUDGET + " (" + runBudget + ") is spent: " + total.tokens() + " tokens, "
                        + Budget.usd(total.estimatedUsd()) + " estimated";
            }
        }
        if (control.interrupted()) {
            return control.stopReason() != null ? "skipped: " + control.stopReason()
                    : "the run was interrupted before this task started";
        }
        for (String dep : t.dependsOn()) {
            TaskResult d = finished.get(dep);
            if (d != null && d.outcome() != TaskOutcome.PASSED) {
                return "skipped: it depends on " + dep + ", which ended " + d.outcome().wire();
            }
        }
        return null;
    }

    private static final String RUN_BUDGET = "not started: the run's budget";

    /** @param outcome skipped, or budget when the run's budget kept the task from starting */
    private TaskResult skip(TaskDef task, String blocker, TaskOutcome outcome) {
        TaskLedger tl = ledger.task(task.name());
        TaskResult skipped = TaskResult.skipped(task.name(), task.engine(), blocker, tl.dir(), outcome);
        control.listener.finished(task.name(), blocker);
        tl.writePrompt(task.prompt() == null ? "" : task.prompt().text());
        try (EventLog events = tl.openEvents()) {
            events.append("task.skipped", Map.of("reason", blocker));
        }
        TaskContext t = new TaskContext(control, plan, layout, plan.effective(task), null, null, tl, null);
        tl.writeMeta(TaskSupervisor.meta(t, null, null, Instant.now(), null, outcome, 0));
        tl.writeText("summary.md", TaskSummary.render(skipped, null));
        return skipped;
    }
}
