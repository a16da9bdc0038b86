package dev.wtcraft.run;

import dev.wtcraft.WtcraftException;
import dev.wtcraft.contract.Role;
import dev.wtcraft.contract.Stage;
import dev.wtcraft.engine.Engine;
import dev.wtcraft.engine.EngineOutcome;
import dev.wtcraft.engine.EngineResult;
import dev.wtcraft.engine.EngineRun;
import dev.wtcraft.engine.ShellEngine;
import dev.wtcraft.git.GitCli;
import dev.wtcraft.git.GitException;
import dev.wtcraft.git.History;
import dev.wtcraft.git.RepoLayout;
import dev.wtcraft.ledger.EventLog;
import dev.wtcraft.ledger.RunLedger;
import dev.wtcraft.ledger.TaskLedger;
import dev.wtcraft.model.Durations;
import dev.wtcraft.model.EngineKind;
import dev.wtcraft.model.EngineSpec;
import dev.wtcraft.model.TaskDef;
import dev.wtcraft.plan.Plan;
import dev.wtcraft.plan.RecipeException;
import dev.wtcraft.process.StepRunner;
import dev.wtcraft.scope.Violation;
import dev.wtcraft.task.CheckReport;
import dev.wtcraft.task.CheckService;
import dev.wtcraft.task.IgnoreRules;
import dev.wtcraft.task.StateService;
import dev.wtcraft.task.TaskCreator;
import dev.wtcraft.task.VerifyReport;
import dev.wtcraft.task.VerifyService;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The supervisor: carries each task of a plan, in order, through worktree, contract, engine, ledger, check and
 * verify, and writes down what happened. One task at a time in this version.
 */
public final class RunService {
    /** Told of each step as it happens. */
    public interface Listener {
        void step(String task, String message);
    }

    private final RepoLayout layout;
    private final Plan plan;
    private final Map<String, String> env;
    private final Listener listener;
    private volatile boolean interrupted;
    private volatile Process current;

    public RunService(RepoLayout layout, Plan plan, Map<String, String> env, Listener listener) {
        this.layout = layout;
        this.plan = plan;
        this.env = env;
        this.listener = listener;
    }

    /** The base a task without dependencies starts from: the recipe's, else the same order as `wtcraft new`. */
    public static String defaultBase(RepoLayout layout, Plan plan, Map<String, String> env) {
        try (History history = History.open(layout.root())) {
            if (history.head().isEmpty()) {
                throw WtcraftException.fatal("repository has no commits: " + layout.root() + " (make a first commit)");
            }
            return TaskCreator.resolveBase(history, plan.recipe().defaults().base(), env.get("WTCRAFT_BASE_BRANCH"));
        }
    }

    /** Refuses, before anything is created, what cannot run: engines without adapters, leftover worktrees. */
    public static void preflight(RepoLayout layout, Plan plan) {
        for (TaskDef t : plan.order()) {
            EngineSpec spec = engineSpec(plan, t);
            if (spec != null && spec.kind() != EngineKind.SHELL) {
                throw new RecipeException(t.locationOf("engine"), "engine '" + spec.name() + "' (" + spec.kind().wire()
                        + ") cannot run in this version, which ships only the shell engine; use a shell engine, or --dry-run to see the plan");
            }
        }
        List<String> leftovers = new ArrayList<>();
        try (History history = History.open(layout.root())) {
            for (TaskDef t : plan.order()) {
                Path path = layout.worktreesDir().resolve(t.name());
                if (Files.exists(path) || history.hasRef("refs/heads/" + t.name())) {
                    leftovers.add(t.name());
                }
            }
        }
        if (!leftovers.isEmpty()) {
            String first = leftovers.get(0);
            throw WtcraftException.fatal("task worktrees or branches from an earlier run exist: "
                    + String.join(", ", leftovers) + " (remove them, e.g. git worktree remove --force worktrees/" + first
                    + " && git branch -D " + first + ")");
        }
    }

    static EngineSpec engineSpec(Plan plan, TaskDef t) {
        if (t.engine() == null) {
            return null;
        }
        EngineSpec declared = plan.recipe().engines().get(t.engine());
        if (declared != null) {
            return declared;
        }
        EngineKind kind = EngineKind.valueOf(t.engine().toUpperCase(java.util.Locale.ROOT));
        return new EngineSpec(t.engine(), kind, null, null, null, List.of(), Map.of(), null, null, t.location());
    }

    public RunReport run() {
        preflight(layout, plan);
        String defaultBase = defaultBase(layout, plan, env);
        String baseCommit;
        try (History history = History.open(layout.root())) {
            baseCommit = history.resolveCommit(defaultBase).map(id -> id.name()).orElse(null);
        }
        IgnoreRules.Result ignored = IgnoreRules.apply(layout, true);
        if (!ignored.added().isEmpty()) {
            listener.step("run", "added " + String.join(", ", ignored.added()) + " to " + ignored.file());
        }
        Instant started = Instant.now();
        RunLedger ledger = RunLedger.create(layout.root(), started);
        String recipe = layout.root().relativize(plan.recipe().file().toAbsolutePath().normalize()).toString();
        Map<String, Object> runDoc = RunLedger.header(ledger.runId(), recipe, plan.recipe().sha256(), baseCommit, started);
        Map<String, Object> taskStates = new LinkedHashMap<>();
        plan.order().forEach(t -> taskStates.put(t.name(), taskEntry("pending", 0, null)));
        runDoc.put("tasks", taskStates);
        ledger.writeRun(runDoc);
        listener.step("run", "ledger " + layout.root().relativize(ledger.dir()));

        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            interrupted = true;
            Process p = current;
            if (p != null) {
                StepRunner.killGroup(p);
            }
            try {
                finished.await(15, TimeUnit.SECONDS);
            } catch (InterruptedException ignoredInterrupt) {
                Thread.currentThread().interrupt();
            }
        }, "wtcraft-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        List<TaskResult> results = new ArrayList<>();
        try {
            for (TaskDef task : plan.order()) {
                TaskResult result = runOrSkip(task, ledger, results, defaultBase);
                results.add(result);
                taskStates.put(task.name(), taskEntry(result.outcome().wire(),
                        result.outcome() == TaskOutcome.SKIPPED ? 0 : 1, result.reason()));
                ledger.writeRun(runDoc);
            }
        } finally {
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
        return new RunReport(ledger.runId(), ledger.dir(), recipe, plan.recipe().sha256(), baseCommit, results);
    }

    private static Map<String, Object> taskEntry(String outcome, int attempts, String reason) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("outcome", outcome);
        m.put("attempts", attempts);
        m.put("reason", reason);
        return m;
    }

    private TaskResult runOrSkip(TaskDef task, RunLedger ledger, List<TaskResult> done, String defaultBase) {
        TaskLedger tl = ledger.task(task.name());
        String blocker = null;
        if (interrupted) {
            blocker = "the run was interrupted before this task started";
        } else {
            for (String dep : task.dependsOn()) {
                TaskResult d = done.stream().filter(r -> r.task().equals(dep)).findFirst().orElse(null);
                if (d == null || d.outcome() != TaskOutcome.PASSED) {
                    blocker = "skipped: it depends on " + dep + ", which " + (d == null ? "did not run" : "ended " + d.outcome().wire());
                    break;
                }
            }
        }
        if (blocker != null) {
            TaskResult skipped = TaskResult.skipped(task.name(), task.engine(), blocker, tl.dir());
            listener.step(task.name(), blocker);
            tl.writePrompt(task.prompt() == null ? "" : task.prompt().text());
            try (EventLog events = tl.openEvents()) {
                events.append("task.skipped", Map.of("reason", blocker));
            }
            tl.writeMeta(meta(task, null, null, null, Instant.now(), Instant.now(), null, TaskOutcome.SKIPPED, 0));
            tl.writeText("summary.md", TaskSummary.render(skipped, null));
            return skipped;
        }
        return runTask(task, tl, ledger.runId(), defaultBase);
    }

    private TaskResult runTask(TaskDef task, TaskLedger tl, String runId, String defaultBase) {
        Instant started = Instant.now();
        String prompt = task.prompt() == null ? "" : task.prompt().text();
        tl.writePrompt(prompt);
        EngineSpec spec = engineSpec(plan, task);
        Engine engine = spec == null ? null : new ShellEngine(spec.command(), () -> interrupted);
        ByteArrayOutputStream warningBytes = new ByteArrayOutputStream();
        PrintStream warnings = new PrintStream(warningBytes, true, StandardCharsets.UTF_8);
        try (EventLog events = tl.openEvents()) {
            String base = task.base() != null ? task.base()
                    : !task.dependsOn().isEmpty() ? task.dependsOn().get(0) : defaultBase;
            events.append("task.started", Map.of("task", task.name(), "attempt", 1,
                    "engine", task.engine() == null ? "none" : task.engine()));
            listener.step(task.name(), "worktree worktrees/" + task.name() + " from " + base);
            var created = TaskCreator.create(layout, new TaskCreator.Spec(task.name(), base,
                    prompt.isBlank() ? null : prompt, task.scope(), task.offLimits(),
                    task.verify().stream().map(s -> s.command()).toList(), null, task.engine(), task.dependsOn(),
                    "Created by `wtcraft run` " + runId + " from " + task.location() + "."), env, warnings);
            var wt = created.worktree();
            String mergeProblem = mergeOtherDependencies(task, wt.path());
            if (mergeProblem != null) {
                listener.step(task.name(), mergeProblem);
                TaskResult r = new TaskResult(task.name(), TaskOutcome.SKIPPED, mergeProblem, task.engine(), wt.path(),
                        task.name(), base, List.of(), List.of(), 0, 0, Duration.between(started, Instant.now()), tl.dir());
                events.append("task.skipped", Map.of("reason", mergeProblem));
                tl.writeMeta(meta(task, engine, wt.path(), null, started, Instant.now(), null, TaskOutcome.SKIPPED, 1));
                tl.writeText("summary.md", TaskSummary.render(r, null));
                return r;
            }
            String commit = new GitCli(wt.path()).text("rev-parse", "HEAD").strip();
            events.append("worktree.created", Map.of("worktree", wt.path().toString(), "branch", task.name(),
                    "base", base, "base_commit", commit));
            stage(wt, Stage.EXECUTING, Role.EXECUTOR, task.engine(), events);

            EngineResult er = null;
            if (engine != null) {
                Duration timeout = task.timeout() != null ? task.timeout()
                        : spec.timeout() != null ? spec.timeout() : plan.recipe().defaults().timeout();
                listener.step(task.name(), "engine " + spec.name() + ": " + engine.describe()
                        + (timeout == null ? "" : " (timeout " + Durations.format(timeout) + ")"));
                Map<String, String> vars = Map.of("WTCRAFT_TASK", task.name(), "WTCRAFT_WORKTREE", wt.path().toString(),
                        "WTCRAFT_RUN_ID", runId, "WTCRAFT_LEDGER", tl.dir().toString());
                er = engine.run(new EngineRun(wt.path(), prompt, tl.promptFile(), vars, timeout, events,
                        p -> current = p));
                current = null;
                listener.step(task.name(), "engine " + er.reason() + " after " + seconds(er.duration()));
                if (er.lastMessage() != null) {
                    tl.writeText("last-message.md", er.lastMessage());
                }
            }
            tl.writeJson("usage.json", er == null ? Map.of() : er.usage());
            boolean engineOk = er == null || er.outcome().completed();
            if (engineOk && !interrupted) {
                commitWork(wt.path(), task, runId, events);
            }
            stage(wt, Stage.VERIFYING, Role.VERIFIER, null, events);

            CheckReport check = CheckService.check(wt, warnings);
            tl.writeJson("check.json", check.toDocument());
            tl.writeChangedFiles(check.changedFiles());
            events.append("check", Map.of("result", check.passed() ? "pass" : "fail",
                    "changed_files", check.changedFiles().size(), "violations", check.violations().size()));
            listener.step(task.name(), check.passed()
                    ? "check passed (" + plural(check.changedFiles().size(), "changed file") + ")"
                    : "check failed: " + describe(check.violations()));

            VerifyReport verify = null;
            if (engineOk && !interrupted && !task.verify().isEmpty()) {
                verify = VerifyService.verifySteps(wt, task.verify(),
                        i -> events.lines("verify.stdout", Map.of("step", i)),
                        i -> events.lines("verify.stderr", Map.of("step", i)), warnings,
                        step -> events.append("verify.step", step.toDocument()), p -> current = p);
                current = null;
                tl.writeJson("verify.json", verify.toDocument());
                listener.step(task.name(), "verify " + verify.summaryLine());
            }

            TaskOutcome outcome = decide(er, check, verify);
            String reason = reason(outcome, er, check, verify);
            if (outcome != TaskOutcome.INTERRUPTED) {
                boolean passed = outcome == TaskOutcome.PASSED;
                stage(wt, passed ? Stage.APPROVED : Stage.REPLAN, passed ? Role.FINISHER : Role.PLANNER, null, events);
            }
            Instant finished = Instant.now();
            events.append("task.finished", Map.of("outcome", outcome.wire(), "reason", reason));
            warningBytes.toString(StandardCharsets.UTF_8).lines()
                    .forEach(w -> events.append("warning", Map.of("message", w)));
            TaskResult result = new TaskResult(task.name(), outcome, reason, task.engine(), wt.path(), task.name(), base,
                    check.changedFiles(), check.violations(),
                    verify == null ? 0 : (int) verify.passedCount(), verify == null ? 0 : verify.results().size(),
                    Duration.between(started, finished), tl.dir());
            tl.writeMeta(meta(task, engine, wt.path(), commit, started, finished, er, outcome, 1));
            tl.writeText("summary.md", TaskSummary.render(result, verify));
            listener.step(task.name(), outcome.wire() + (outcome == TaskOutcome.PASSED ? "" : ": " + reason));
            return result;
        } catch (WtcraftException | GitException | UncheckedIOException e) {
            // wtcraft itself could not go on (git refused, disk full): the task stops, the ledger says why
            String reason = "stopped by an error: " + e.getMessage();
            listener.step(task.name(), reason);
            tl.writeMeta(meta(task, engine, null, null, started, Instant.now(), null, TaskOutcome.INTERRUPTED, 1));
            TaskResult r = new TaskResult(task.name(), TaskOutcome.INTERRUPTED, reason, task.engine(), null, task.name(),
                    null, List.of(), List.of(), 0, 0, Duration.between(started, Instant.now()), tl.dir());
            tl.writeText("summary.md", TaskSummary.render(r, null));
            interrupted = true;
            return r;
        }
    }

    /**
     * A task with several dependencies starts from the first one's branch and merges the others; its contract's
     * base becomes the merged commit, so check counts only the task's own changes. Null when all went well.
     */
    private static String mergeOtherDependencies(TaskDef task, Path worktree) {
        if (task.dependsOn().size() < 2) {
            return null;
        }
        GitCli git = new GitCli(worktree);
        for (String dep : task.dependsOn().subList(1, task.dependsOn().size())) {
            var merged = git.run("-c", "user.name=wtcraft", "-c", "user.email=wtcraft@localhost",
                    "merge", "--no-edit", "--no-ff", "-m", "wtcraft: start " + task.name() + " from " + dep, dep);
            if (!merged.ok()) {
                git.run("merge", "--abort");
                return "skipped: its dependencies " + task.dependsOn().get(0) + " and " + dep
                        + " do not merge cleanly (" + GitCliLines.first(merged.stdoutText() + merged.stderr()) + ")";
            }
        }
        String head = git.text("rev-parse", "HEAD").strip();
        Path contract = worktree.resolve(dev.wtcraft.contract.TaskFiles.TASK_FILE);
        try {
            String text = Files.readString(contract, StandardCharsets.UTF_8);
            dev.wtcraft.io.AtomicFiles.write(contract,
                    text.replaceFirst("(?m)^base: .*$", java.util.regex.Matcher.quoteReplacement("base: " + head)));
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
        return null;
    }

    /**
     * Agents usually leave their work uncommitted; the task's branch must carry it, or a dependent task would
     * start without it. Local task files stay out (they are ignored). Author: the repository's identity, else wtcraft.
     */
    private static void commitWork(Path worktree, TaskDef task, String runId, EventLog events) {
        GitCli git = new GitCli(worktree);
        if (git.text("status", "--porcelain", "--untracked-files=all").isBlank()) {
            return;
        }
        git.text("add", "-A");
        List<String> commit = new ArrayList<>();
        if (!git.succeeds("config", "user.email")) {
            commit.addAll(List.of("-c", "user.name=wtcraft", "-c", "user.email=wtcraft@localhost"));
        }
        commit.addAll(List.of("commit", "-q", "--no-verify", "-m", "wtcraft: " + task.name()
                + (task.engine() == null ? "" : " by " + task.engine()) + " (run " + runId + ")"));
        git.text(commit.toArray(String[]::new));
        String head = git.text("rev-parse", "HEAD").strip();
        events.append("commit", Map.of("commit", head, "branch", task.name()));
    }

    private static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** The first non-empty line of git's output. */
    private static final class GitCliLines {
        static String first(String text) {
            return text.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("git merge failed");
        }
    }

    private void stage(dev.wtcraft.task.TaskWorktree wt, Stage stage, Role role, String agent, EventLog events) {
        StateService.apply(wt, new StateService.Change(stage.wire(), role.wire(), agent, null, null, null, false), null);
        events.append("stage", Map.of("stage", stage.wire(), "role", role.wire()));
    }

    private TaskOutcome decide(EngineResult er, CheckReport check, VerifyReport verify) {
        if (interrupted || (er != null && er.outcome() == EngineOutcome.INTERRUPTED)) {
            return TaskOutcome.INTERRUPTED;
        }
        if (er != null) {
            switch (er.outcome()) {
                case TIMED_OUT -> {
                    return TaskOutcome.TIMEOUT;
                }
                case FAILED, KILLED, API_ERROR, MAX_TURNS -> {
                    return TaskOutcome.ENGINE_FAILED;
                }
                case SUCCEEDED, PERMISSION_DENIED, INTERRUPTED -> { }
            }
        }
        if (!check.passed()) {
            return TaskOutcome.SCOPE_VIOLATION;
        }
        if (verify != null && !verify.passed()) {
            return TaskOutcome.VERIFY_FAILED;
        }
        return TaskOutcome.PASSED;
    }

    private static String reason(TaskOutcome outcome, EngineResult er, CheckReport check, VerifyReport verify) {
        return switch (outcome) {
            case PASSED -> verify == null ? "check passed; no verification steps" : "check passed; " + verify.summaryLine();
            case SCOPE_VIOLATION -> "outside the contract: " + describe(check.violations());
            case VERIFY_FAILED -> "verification failed: " + verify.results().stream().filter(s -> !s.passed())
                    .map(s -> "'" + s.command() + "' " + (s.timedOut() ? "timed out" : "exited " + s.exitCode()))
                    .reduce((a, b) -> a + ", " + b).orElse("");
            case ENGINE_FAILED, TIMEOUT -> "engine " + er.reason();
            case INTERRUPTED -> "interrupted; the engine's process group was stopped";
            case SKIPPED -> "skipped";
        };
    }

    private static String describe(List<Violation> violations) {
        List<String> parts = new ArrayList<>();
        for (Violation v : violations) {
            parts.add(v.kind().wire() + " " + v.file() + (v.matched() == null ? "" : " (" + v.matched() + ")"));
        }
        return String.join(", ", parts);
    }

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }

    private static Map<String, Object> meta(TaskDef task, Engine engine, Path worktree, String baseCommit,
                                            Instant started, Instant finished, EngineResult er, TaskOutcome outcome,
                                            int attempt) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("task", task.name());
        m.put("engine", task.engine());
        m.put("command", engine == null ? null : engine.describe());
        m.put("worktree", worktree == null ? null : worktree.toString());
        m.put("branch", worktree == null ? null : task.name());
        m.put("base_commit", baseCommit);
        m.put("started_at", started.toString());
        m.put("finished_at", finished.toString());
        m.put("exit_code", er == null ? null : er.exitCode());
        m.put("attempt", attempt);
        m.put("outcome", outcome.wire());
        return m;
    }
}
