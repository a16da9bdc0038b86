package dev.wtcraft.run;

import dev.wtcraft.ledger.TaskOutcome;
import dev.wtcraft.git.GitCli;
import dev.wtcraft.git.History;
import dev.wtcraft.git.RepoLayout;
import dev.wtcraft.ledger.EventLog;
import dev.wtcraft.ledger.RunLedger;
import dev.wtcraft.ledger.TaskLedger;
import dev.wtcraft.model.TaskDef;
import dev.wtcraft.plan.Collisions;
import dev.wtcraft.plan.Plan;
import dev.wtcraft.task.IgnoreRules;
import dev.wtcraft.task.TaskCreator;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The run as a whole: preflight, the ledger, leases, resume, and the scheduler that starts each task's
 * TaskSupervisor as soon as its dependencies passed and no serialized partner runs, up to --jobs at a time.
 */
public final class RunService {
    /** Told of each step as it happens. */
    public interface Listener {
        void step(String task, String message);

        /** A task's last line: its outcome. */
        default void finished(String task, String message) {
            step(task, message);
        }
    }

    private final RepoLayout layout;
    private final Plan plan;
    private final Map<String, String> env;
    private final Listener listener;
    private RunControl control;

    private final Integer jobsOverride;
    private final String resumeRunId;

    public RunService(RepoLayout layout, Plan plan, Map<String, String> env, Listener listener) {
        this(layout, plan, env, listener, null, null);
    }

    /**
     * @param jobsOverride --jobs, or null for the recipe's or the machine's default
     * @param resumeRunId  the run to continue (--resume), or null for a new run
     */
    public RunService(RepoLayout layout, Plan plan, Map<String, String> env, Listener listener, Integer jobsOverride,
                      String resumeRunId) {
        this.layout = layout;
        this.plan = plan;
        this.env = env;
        this.listener = listener;
        this.jobsOverride = jobsOverride;
        this.resumeRunId = resumeRunId;
    }

    private boolean noSandbox;
    private List<String> approvals = List.of();

    /** `--approve PATTERN`: commands the policies' `ask` rules let through without asking. */
    public RunService approve(List<String> patterns) {
        this.approvals = List.copyOf(patterns);
        return this;
    }

    /** `--no-sandbox`: tasks that declare a sandbox run without one; the ledger records it. */
    public RunService noSandbox(boolean value) {
        this.noSandbox = value;
        return this;
    }

    @SuppressWarnings("unchecked")
    public RunReport run() {
        Map<String, Object> earlier = resumeRunId == null ? null
                : new dev.wtcraft.ledger.RunHistory(layout.root()).run(resumeRunId);
        Map<String, Map<String, Object>> earlierTasks = earlier == null ? Map.of()
                : (Map<String, Map<String, Object>>) earlier.get("tasks");
        RunPreflight.check(layout, plan, env, earlierTasks.keySet());
        RunPreflight.requireSandbox(plan, noSandbox);
        RunPreflight.registerSecrets(plan, env);
        for (String note : dev.wtcraft.library.LibraryCheck.requireCurrent(plan.recipe(), new dev.wtcraft.library.LibraryStore())) {
            listener.step("run", note);
        }
        String defaultBase = RunPreflight.defaultBase(layout, plan, env);
        String baseCommit;
        Map<String, String> hashes;
        try (History history = History.open(layout.root())) {
            baseCommit = history.resolveCommit(defaultBase).orElse(null);
            List<String> refs = new ArrayList<>(List.of(defaultBase));
            plan.order().forEach(t -> refs.add(Plan.base(t, defaultBase)));
            Map<String, String> commits = history.resolveAll(refs);
            hashes = TaskHashes.of(plan, ref -> commits.getOrDefault(ref, ref), defaultBase);
        }
        IgnoreRules.Result ignored = IgnoreRules.apply(layout, true);
        if (!ignored.added().isEmpty()) {
            listener.step("run", "added " + String.join(", ", ignored.added()) + " to " + ignored.file());
        }
        Instant started = Instant.now();
        RunLedger ledger = earlier == null ? RunLedger.create(layout.root(), started)
                : RunLedger.open(layout.root(), resumeRunId);
        control = new RunControl(ledger.runId(), env, listener);
        control.noSandbox = noSandbox;
        control.approvals = approvals;
        TaskLeases leases = new TaskLeases(layout.root());
        leases.acquireAll(plan.order().stream().map(TaskDef::name).toList(), ledger.runId());
        String recipe = layout.root().relativize(plan.recipe().file().toAbsolutePath().normalize()).toString();
        Map<String, Object> runDoc = earlier != null ? new LinkedHashMap<>(earlier)
                : RunLedger.header(ledger.runId(), recipe, plan.recipe().sha256(), baseCommit, started);
        runDoc.remove("ledger");
        if (!plan.recipe().libraries().isEmpty()) {
            runDoc.put("libraries", plan.recipe().libraries().stream().map(dev.wtcraft.model.LibraryPin::fields).toList());
        }
        if (earlier != null) {
            runDoc.put("resumed_at", started.toString());
            runDoc.put("finished_at", null);
        }
        Map<String, Object> taskStates = new LinkedHashMap<>();
        Map<String, TaskResult> reused = resume(earlierTasks, hashes, ledger, taskStates);
        for (TaskDef t : plan.order()) {
            if (!taskStates.containsKey(t.name())) {
                Map<String, Object> entry = taskEntry("pending", 0, null);
                entry.put("hash", hashes.get(t.name()));
                taskStates.put(t.name(), entry);
            }
        }
        runDoc.put("tasks", taskStates);
        ledger.writeRun(runDoc);
        listener.step("run", (earlier == null ? "ledger " : "resuming ") + layout.root().relativize(ledger.dir()));

        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            control.stopAll(null);
            try {
                finished.await(15, TimeUnit.SECONDS);
            } catch (InterruptedException ignoredInterrupt) {
                Thread.currentThread().interrupt();
            }
        }, "wtcraft-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        List<TaskResult> results = java.util.Collections.synchronizedList(new ArrayList<>());
        int jobs = jobs(plan, jobsOverride);
        List<Collisions.Pair> serialized = Collisions.of(plan.order(), plan.recipe().defaults().parallel(),
                repositoryFiles(layout));
        serialized.forEach(p -> listener.step("run", "serializing " + p.first() + " and " + p.second() + ": " + p.reason()));
        runDoc.put("jobs", jobs);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(jobs, r -> {
            Thread t = new Thread(r, "wtcraft-task");
            t.setDaemon(true);
            return t;
        });
        try {
            results.addAll(reused.values());
            schedule(ledger, defaultBase, jobs, serialized, pool, reused, result -> {
                results.add(result);
                leases.release(result.task());
                synchronized (runDoc) {
                    Map<String, Object> entry = taskEntry(result.outcome().wire(), result.attempts(), result.reason());
                    entry.put("hash", hashes.get(result.task()));
                    entry.put("spend", result.spend().toDocument());
                    taskStates.put(result.task(), entry);
                    runDoc.put("spend", spendDocument(results));
                    ledger.writeRun(runDoc);
                }
            });
        } finally {
            pool.shutdownNow();
            plan.order().forEach(t -> leases.release(t.name()));
            runDoc.put("finished_at", Instant.now().toString());
            RunReport partial = new RunReport(ledger.runId(), ledger.dir(), recipe, plan.recipe().sha256(), baseCommit,
                    results);
            runDoc.put("exit_code", partial.exitCode());
            ledger.writeRun(runDoc);
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it waits for the latch counted down above
            }
        }
        return new RunReport(ledger.runId(), ledger.dir(), recipe, plan.recipe().sha256(), baseCommit,
                ordered(results));
    }

    /** Results in plan order, whatever order they finished in. */
    private List<TaskResult> ordered(List<TaskResult> results) {
        List<TaskResult> out = new ArrayList<>();
        for (TaskDef t : plan.order()) {
            synchronized (results) {
                results.stream().filter(r -> r.task().equals(t.name())).findFirst().ifPresent(out::add);
            }
        }
        return out;
    }

    /** --jobs, else the recipe's, else what fits the machine: up to 4, never more than the cores. */
    public static int jobs(Plan plan, Integer override) {
        if (override != null) {
            return Math.max(1, override);
        }
        if (!plan.recipe().defaults().parallel()) {
            return 1;
        }
        if (plan.recipe().defaults().jobs() != null) {
            return plan.recipe().defaults().jobs();
        }
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    public static List<String> repositoryFiles(RepoLayout layout) {
        var r = new GitCli(layout.root()).run("ls-files", "-z");
        if (!r.ok()) {
            return List.of();
        }
        List<String> files = new ArrayList<>();
        for (byte[] raw : GitCli.splitNul(r.stdout())) {
            files.add(new String(raw, java.nio.charset.StandardCharsets.UTF_8));
        }
        return files;
    }

    /**
     * Starts ready tasks (dependencies passed, no serialized partner running) up to {@code jobs} at a time, in
     * plan order; a task whose dependency failed is skipped; on the first failure with onFailure 'stop' the
     * running ones are stopped and nothing new starts.
     */
    private void schedule(RunLedger ledger, String defaultBase, int jobs, List<Collisions.Pair> serialized,
                          java.util.concurrent.ExecutorService pool, Map<String, TaskResult> reused,
                          java.util.function.Consumer<TaskResult> record) {
        java.util.concurrent.CompletionService<TaskResult> done = new java.util.concurrent.ExecutorCompletionService<>(pool);
        List<TaskDef> pending = new ArrayList<>(plan.order());
        pending.removeIf(t -> reused.containsKey(t.name()));
        Map<String, TaskResult> finished = new java.util.HashMap<>(reused);
        java.util.Set<String> running = new java.util.LinkedHashSet<>();
        while (!pending.isEmpty() || !running.isEmpty()) {
            for (var it = pending.iterator(); it.hasNext(); ) {
                TaskDef t = it.next();
                String blocker = blocker(t, finished);
                if (blocker != null) {
                    it.remove();
                    TaskResult skipped = skip(t, ledger, blocker);
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
                    done.submit(() -> new TaskSupervisor(layout, plan, control).run(t, tl, defaultBase, first));
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
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("a task thread failed: " + e.getCause(), e.getCause());
            }
            running.remove(result.task());
            finished.put(result.task(), result);
            record.accept(result);
            if (plan.recipe().defaults().stopOnFailure() && result.outcome() != TaskOutcome.PASSED
                    && control.stopReason() == null) {
                control.stopAll("the run stopped at the first failure (" + result.task() + " ended "
                        + result.outcome().wire() + ")");
            }
        }
    }

    /**
     * On resume: a task that passed with an unchanged hash (and whose dependencies are reused too) is not run
     * again; every other task of the earlier run starts over from a clean worktree, its earlier attempts kept in
     * the ledger (a task that was running when its runner died shows as pending or running there).
     */
    private Map<String, TaskResult> resume(Map<String, Map<String, Object>> earlierTasks, Map<String, String> hashes,
                                           RunLedger ledger, Map<String, Object> taskStates) {
        Map<String, TaskResult> reused = new LinkedHashMap<>();
        for (TaskDef t : plan.order()) {
            Map<String, Object> before = earlierTasks.get(t.name());
            if (before == null) {
                continue;
            }
            boolean same = "passed".equals(before.get("outcome")) && hashes.get(t.name()).equals(before.get("hash"))
                    && t.dependsOn().stream().allMatch(reused::containsKey)
                    && Files.isDirectory(layout.worktreesDir().resolve(t.name()));
            if (same) {
                int attempts = before.get("attempts") instanceof Number n ? n.intValue() : 1;
                TaskResult r = new TaskResult(t.name(), TaskOutcome.PASSED, "passed in an earlier session; unchanged",
                        t.engine(), layout.worktreesDir().resolve(t.name()), t.name(), null, List.of(), List.of(), 0, 0,
                        java.time.Duration.ZERO, ledger.task(t.name()).dir(), attempts, TaskResult.Spend.NONE, null);
                reused.put(t.name(), r);
                Map<String, Object> entry = new LinkedHashMap<>(before);
                taskStates.put(t.name(), entry);
                listener.step(t.name(), "passed before and unchanged: not run again");
            } else {
                TaskCreator.removeTask(layout, t.name());
                listener.step(t.name(), "will run again (" + ("passed".equals(before.get("outcome"))
                        ? "its recipe, prompt, base or inputs changed" : "it ended " + before.get("outcome")) + ")");
            }
        }
        return reused;
    }

    /** Spend in total and per engine, from what the engines reported. */
    static Map<String, Object> spendDocument(List<TaskResult> results) {
        TaskResult.Spend total = TaskResult.Spend.NONE;
        Map<String, TaskResult.Spend> byEngine = new java.util.TreeMap<>();
        synchronized (results) {
            for (TaskResult r : results) {
                total = total.plus(r.spend());
                if (r.engine() != null) {
                    byEngine.merge(r.engine(), r.spend(), TaskResult.Spend::plus);
                }
            }
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("total", total.toDocument());
        Map<String, Object> engines = new LinkedHashMap<>();
        byEngine.forEach((e, sp) -> engines.put(e, sp.toDocument()));
        doc.put("by_engine", engines);
        return doc;
    }

    /** Why a task cannot start at all, or null. */
    private String blocker(TaskDef t, Map<String, TaskResult> finished) {
        dev.wtcraft.model.Budget runBudget = plan.recipe().defaults().budget();
        if (runBudget != null) {
            TaskResult.Spend total = finished.values().stream().map(TaskResult::spend)
                    .reduce(TaskResult.Spend.NONE, TaskResult.Spend::plus);
            if (runBudget.exceededBy(total.tokens(), total.usd())) {
                return String.format(java.util.Locale.ROOT, "skipped: the run's budget (%s) is spent: %d tokens, $%.4f estimated",
                        runBudget, total.tokens(), total.usd());
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

    private static Map<String, Object> taskEntry(String outcome, int attempts, String reason) {
        // a mutable map: the scheduler adds the task's spend
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("outcome", outcome);
        m.put("attempts", attempts);
        m.put("reason", reason);
        return m;
    }

    private TaskResult skip(TaskDef task, RunLedger ledger, String blocker) {
        TaskLedger tl = ledger.task(task.name());
        TaskResult skipped = TaskResult.skipped(task.name(), task.engine(), blocker, tl.dir());
        listener.finished(task.name(), blocker);
        tl.writePrompt(task.prompt() == null ? "" : task.prompt().text());
        try (EventLog events = tl.openEvents()) {
            events.append("task.skipped", Map.of("reason", blocker));
        }
        tl.writeMeta(TaskSupervisor.meta(task, null, null, null, Instant.now(), Instant.now(), null,
                TaskOutcome.SKIPPED, 0));
        tl.writeText("summary.md", TaskSummary.render(skipped, null));
        return skipped;
    }
}
