package dev.wtcraft.run;

import dev.wtcraft.git.GitCli;
import dev.wtcraft.git.History;
import dev.wtcraft.git.RepoLayout;
import dev.wtcraft.ledger.LedgerDocument;
import dev.wtcraft.ledger.RunHistory;
import dev.wtcraft.ledger.RunLedger;
import dev.wtcraft.ledger.RunRecord;
import dev.wtcraft.ledger.Spend;
import dev.wtcraft.ledger.TaskOutcome;
import dev.wtcraft.model.TaskDef;
import dev.wtcraft.plan.Collisions;
import dev.wtcraft.plan.Plan;
import dev.wtcraft.task.IgnoreRules;
import dev.wtcraft.task.TaskCreator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The run as a whole: preflight, the ledger, leases, resume, then the {@link Scheduler} that starts each task's
 * supervisor as soon as it may, and run.json kept true as tasks finish.
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
    private final Integer jobsOverride;
    private final String resumeRunId;
    private boolean noSandbox;
    private boolean includeUncommitted;
    private List<String> approvals = List.of();
    private java.util.Set<String> given = java.util.Set.of();
    private boolean recordSandboxRefusal;
    private dev.wtcraft.engine.FakeEngine.Scripts scripts;

    /** The reason run.json gives a task another CI job ran. */
    public static final String GIVEN = "passed in its own CI job (its pushed branch)";
    private volatile RunControl control;
    private volatile boolean cancelled;

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

    /** Tasks whose results come from elsewhere (a CI job each, their branches fetched): passed, not run here. */
    public RunService given(java.util.Set<String> tasks) {
        this.given = java.util.Set.copyOf(tasks);
        return this;
    }

    /**
     * A required sandbox that cannot start ends the tasks that would run {@code sandbox_unavailable} in the ledger,
     * instead of refusing before there is one: a CI job's ledger must say why its task did not run.
     */
    public RunService recordSandboxRefusal(boolean value) {
        this.recordSandboxRefusal = value;
        return this;
    }

    /** `wtcraft test`: what the recipe's fake engines (EngineKind.FAKE, put there by the test) do. */
    public RunService scripts(dev.wtcraft.engine.FakeEngine.Scripts value) {
        this.scripts = value;
        return this;
    }

    /** The resume identity of every task of the plan, as this run would record it. */
    public Map<String, String> identityHashes() {
        String defaultBase = RunPreflight.defaultBase(layout, plan, env);
        Map<String, String> out = new LinkedHashMap<>();
        identities(defaultBase, uncommitted(defaultBase, false)).forEach((k, v) -> out.put(k, v.hash()));
        return out;
    }

    /**
     * `--include-uncommitted`: the main checkout's uncommitted files are carried into the base of the tasks that
     * start from its branch, as a commit of their own, recorded in run.json.
     */
    public RunService includeUncommitted(boolean value) {
        this.includeUncommitted = value;
        return this;
    }

    /**
     * Stops the run as Ctrl-C does (running engines and steps killed, nothing new starts, exit 130 recorded): for a
     * caller that runs it on a thread of its own (`wtcraft mcp`). Before the run started, it stops at its start.
     */
    public void interrupt() {
        cancelled = true;
        RunControl c = control;
        if (c != null) {
            c.stopAll(null);
        }
    }

    /** The run's id once its ledger is open, else null (not started yet, or refused before it opened one). */
    public String runId() {
        RunControl c = control;
        return c == null ? null : c.runId;
    }

    /** One line per task of the run being resumed: whether it runs again, and why (`run --resume --explain`). */
    public List<String> explainResume() {
        RunRecord earlier = new RunHistory(layout.root()).run(resumeRunId);
        String defaultBase = RunPreflight.defaultBase(layout, plan, env);
        RunRecord.Carried carried = uncommitted(defaultBase, false);
        return Resume.decide(layout, plan, earlier, identities(defaultBase, carried)).stream()
                .map(d -> d.task() + ": " + d.line()).toList();
    }

    public RunReport run() {
        RunRecord earlier = resumeRunId == null ? null : new RunHistory(layout.root()).run(resumeRunId);
        java.util.Set<String> own = new java.util.HashSet<>(given);
        if (earlier != null) {
            own.addAll(earlier.tasks().keySet());
        }
        RunPreflight.check(layout, plan, env, own);
        String sandboxRefused = null;
        try {
            RunPreflight.requireSandbox(plan, noSandbox);
        } catch (dev.wtcraft.plan.RecipeException e) {
            if (!recordSandboxRefusal) {
                throw e;
            }
            sandboxRefused = e.getMessage();
        }
        RunPreflight.registerSecrets(plan, env);
        for (String note : dev.wtcraft.library.LibraryCheck.requireCurrent(plan.recipe(), new dev.wtcraft.library.LibraryStore())) {
            listener.step("run", note);
        }
        String defaultBase = RunPreflight.defaultBase(layout, plan, env);
        String baseCommit;
        try (History history = History.open(layout.root())) {
            baseCommit = history.resolveCommit(defaultBase).orElse(null);
        }
        IgnoreRules.Result ignored = IgnoreRules.apply(layout, true);
        if (!ignored.added().isEmpty()) {
            listener.step("run", "added " + String.join(", ", ignored.added()) + " to " + ignored.file());
        }
        RunRecord.Carried carried = uncommitted(defaultBase, true);
        Map<String, TaskIdentity.Identity> identities = identities(defaultBase, carried);
        Instant started = Instant.now();
        RunLedger ledger = earlier == null ? RunLedger.create(layout.root(), started)
                : RunLedger.open(layout.root(), resumeRunId);
        RunControl control = new RunControl(ledger.runId(), env, listener);
        control.noSandbox = noSandbox;
        control.approvals = approvals;
        control.scripts = scripts;
        control.startFrom = carried == null ? Map.of() : Map.of(carried.branch(), carried.commit());
        this.control = control;
        if (cancelled) {
            control.stopAll(null);
        }
        TaskLeases leases = new TaskLeases(layout.root());
        leases.acquireAll(plan.order().stream().map(TaskDef::name).toList(), ledger.runId());
        String recipe = layout.root().relativize(plan.recipe().file().toAbsolutePath().normalize()).toString();
        int jobs = jobs(plan, jobsOverride);
        Map<String, TaskResult> reused = new LinkedHashMap<>();
        Map<String, RunRecord.Task> entries = new LinkedHashMap<>();
        if (earlier != null) {
            for (Resume.Decision d : Resume.decide(layout, plan, earlier, identities)) {
                listener.step(d.task(), d.line());
                if (d.keep()) {
                    RunRecord.Task before = earlier.tasks().get(d.task());
                    entries.put(d.task(), before);
                    reused.put(d.task(), kept(plan.recipe().task(d.task()).orElseThrow(), before, ledger));
                } else {
                    TaskCreator.removeTask(layout, d.task());
                }
            }
        }
        OutsideResults.given(layout, plan, given, identities, ledger, entries, reused);
        for (TaskDef t : plan.order()) {
            entries.computeIfAbsent(t.name(), n -> new RunRecord.Task(TaskOutcome.PENDING, 0, null,
                    identities.get(n).hash(), identities.get(n).inputs(), Spend.NONE, null));
        }
        if (sandboxRefused != null) {
            OutsideResults.sandboxUnavailable(layout, plan, "not run: " + sandboxRefused, identities, ledger, listener,
                    entries, reused);
        }
        RunRecord first = earlier == null
                ? new RunRecord(LedgerDocument.SCHEMA_VERSION, ledger.runId(), recipe, plan.recipe().sha256(), baseCommit,
                started, null, null, jobs, null, RunRecord.SpendReport.NONE, plan.recipe().libraries(), carried, entries)
                : new RunRecord(LedgerDocument.SCHEMA_VERSION, earlier.runId(), earlier.recipe(), earlier.recipeSha256(),
                earlier.baseCommit(), earlier.startedAt(), started, null, jobs, null, earlier.spend(),
                plan.recipe().libraries(), carried, entries);
        RunBook book = new RunBook(ledger, first);
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
        List<TaskResult> results = java.util.Collections.synchronizedList(new ArrayList<>(reused.values()));
        List<Collisions.Pair> serialized = Collisions.of(plan.order(), plan.recipe().defaults().parallel(),
                repositoryFiles(layout));
        serialized.forEach(p -> listener.step("run", "serializing " + p.first() + " and " + p.second() + ": " + p.reason()));
        try {
            new Scheduler(layout, plan, control, ledger, defaultBase, jobs, serialized).run(reused, result -> {
                results.add(result);
                RunRecord.Task entry = new RunRecord.Task(result.outcome(), result.attempts(), result.reason(),
                        identities.get(result.task()).hash(), identities.get(result.task()).inputs(), result.spend(),
                        null);
                book.update(r -> r.withTask(result.task(), entry).withSpend(spend(results)));
                leases.release(result.task());
            });
        } finally {
            // run.json is written before the last lease goes: `clean --keep` spares a run while a lease names it,
            // and a write after its ledger was removed would leave a lone run.json that reads as a run
            try {
                RunReport partial = new RunReport(ledger.runId(), ledger.dir(), recipe, plan.recipe().sha256(),
                        baseCommit, results, control.stoppedAtFailure());
                book.update(r -> r.finished(Instant.now(), partial.exitCode()));
            } finally {
                plan.order().forEach(t -> leases.release(t.name()));
            }
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it waits for the latch counted down above
            }
        }
        return new RunReport(ledger.runId(), ledger.dir(), recipe, plan.recipe().sha256(), baseCommit,
                ordered(results), control.stoppedAtFailure());
    }

    /** run.json as this run keeps it: one record, each change written atomically. */
    private static final class RunBook {
        private final RunLedger ledger;
        private RunRecord current;

        RunBook(RunLedger ledger, RunRecord first) {
            this.ledger = ledger;
            this.current = first;
            ledger.writeRun(first);
        }

        synchronized void update(java.util.function.UnaryOperator<RunRecord> change) {
            current = change.apply(current);
            ledger.writeRun(current);
        }
    }

    /**
     * @param carried the main checkout's uncommitted work the tasks on its branch start from, or null: their base
     *                commit is then the carried commit
     */
    private Map<String, TaskIdentity.Identity> identities(String defaultBase, RunRecord.Carried carried) {
        try (History history = History.open(layout.root())) {
            List<String> refs = new ArrayList<>(List.of(defaultBase));
            plan.order().forEach(t -> refs.add(Plan.base(t, defaultBase)));
            Map<String, String> commits = new java.util.HashMap<>(history.resolveAll(refs));
            if (carried != null) {
                commits.put(carried.branch(), carried.commit());
            }
            return TaskIdentity.of(plan, ref -> commits.getOrDefault(ref, ref), defaultBase);
        }
    }

    /**
     * The main checkout's uncommitted files: carried into the tasks' base with --include-uncommitted (the commit,
     * or null when there is nothing to carry), else named, so that nobody wonders why a task did not see them.
     */
    private RunRecord.Carried uncommitted(String defaultBase, boolean tell) {
        var pending = MainCheckout.pending(layout, plan, defaultBase);
        if (pending.isEmpty()) {
            return null;
        }
        var p = pending.get();
        String n = p.shown().size() == 1 ? "1 uncommitted file" : p.shown().size() + " uncommitted files";
        if (!includeUncommitted) {
            if (tell) {
                listener.step("run", n + " in the main checkout will not be in the tasks' worktrees (they start from "
                        + p.branch() + "'s last commit): " + p.summary(5) + "; commit them, or run with"
                        + " --include-uncommitted to carry them in");
            }
            return null;
        }
        RunRecord.Carried carried = MainCheckout.carry(layout, p);
        if (tell) {
            listener.step("run", "carrying " + n + " of the main checkout into the tasks that start from "
                    + p.branch() + " (commit " + carried.commit().substring(0, 12) + "): " + p.summary(5)
                    + "; commit them there before a task lands");
        }
        return carried;
    }

    /** A task a resumed run keeps: its earlier result. */
    private TaskResult kept(TaskDef t, RunRecord.Task before, RunLedger ledger) {
        return new TaskResult(t.name(), TaskOutcome.PASSED, "passed in an earlier session; unchanged", t.engine(),
                new TaskResult.Workspace(layout.worktreesDir().resolve(t.name()), t.name(), null), TaskResult.Gates.NONE,
                Duration.ZERO, ledger.task(t.name()).dir(), Math.max(1, before.attempts()), before.spend(), null);
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

    /** Spend in total and per engine, from what the engines reported. */
    static RunRecord.SpendReport spend(List<TaskResult> results) {
        Spend total = Spend.NONE;
        Map<String, Spend> byEngine = new TreeMap<>();
        synchronized (results) {
            for (TaskResult r : results) {
                total = total.plus(r.spend());
                if (r.engine() != null) {
                    byEngine.merge(r.engine(), r.spend(), Spend::plus);
                }
            }
        }
        return new RunRecord.SpendReport(total, byEngine);
    }
}
