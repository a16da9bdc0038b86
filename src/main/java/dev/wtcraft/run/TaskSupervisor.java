package dev.wtcraft.run;

import dev.wtcraft.ledger.TaskOutcome;
import dev.wtcraft.WtcraftException;
import dev.wtcraft.contract.Role;
import dev.wtcraft.contract.SignOff;
import dev.wtcraft.contract.Stage;
import dev.wtcraft.engine.AgentEngine;
import dev.wtcraft.engine.Engine;
import dev.wtcraft.engine.EngineOutcome;
import dev.wtcraft.engine.EngineResult;
import dev.wtcraft.engine.EngineRun;
import dev.wtcraft.git.GitCli;
import dev.wtcraft.git.GitException;
import dev.wtcraft.git.RepoLayout;
import dev.wtcraft.ledger.EventLog;
import dev.wtcraft.ledger.TaskLedger;
import dev.wtcraft.model.Durations;
import dev.wtcraft.model.EngineSpec;
import dev.wtcraft.model.TaskDef;
import dev.wtcraft.plan.Plan;
import dev.wtcraft.scope.Violation;
import dev.wtcraft.task.CheckReport;
import dev.wtcraft.task.CheckService;
import dev.wtcraft.task.StateService;
import dev.wtcraft.task.TaskCreator;
import dev.wtcraft.task.TaskWorktree;
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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outer loop for one task: worktree and contract, then attempts of engine, commit, check and verify until
 * one passes or the attempts run out (a failed check or verify feeds the next attempt, resuming the engine's
 * session where it can). Each attempt is its own ledger entry: attempt 1 in the task's directory, attempt N in
 * `attempt-N/` under it.
 */
final class TaskSupervisor {
    private static final int OUTPUT_TAIL = 30;
    /** Worktree creation and merges touch the repository's shared git state: one task at a time. */
    private static final Object GIT_SETUP = new Object();

    private final RepoLayout layout;
    private final Plan plan;
    private final RunControl control;

    TaskSupervisor(RepoLayout layout, Plan plan, RunControl control) {
        this.layout = layout;
        this.plan = plan;
        this.control = control;
    }

    /** What one attempt produced. */
    private record Attempt(EngineResult engine, CheckReport check, VerifyReport verify, TaskOutcome outcome,
                           String reason, Map<Integer, Deque<String>> failingOutput, TaskResult.Spend spend,
                           ReviewService.Outcome review) {
    }

    /**
     * What finish needs later, in the state file's extras: the run, the branch the task lands on (the run's base,
     * even when it started from a dependency's branch), and whether it needs an approving review.
     */
    private void remember(TaskWorktree wt, TaskDef task, String defaultBase) {
        var record = dev.wtcraft.task.TaskRecord.load(wt, null);
        var review = plan.review(task);
        Instant now = Instant.now();
        record.save(record.state().edit().extra(SignOff.RUN_ID, control.runId)
                .extra(SignOff.LAND_ON, task.base() != null ? task.base() : defaultBase)
                .extra(SignOff.REVIEW_REQUIRED, review != null && review.required() ? "true" : null).build(now));
    }

    /** The spend an engine's usage.json reports: total tokens and the estimate (else the CLI's own figure). */
    static TaskResult.Spend spendOf(Map<String, Object> usage) {
        if (usage == null || usage.isEmpty()) {
            return TaskResult.Spend.NONE;
        }
        long tokens = usage.get("total_tokens") instanceof Number n ? n.longValue() : 0;
        return spendOf(tokens, usage.get("cost") instanceof Map<?, ?> cost ? cost : Map.of());
    }

    /** Tokens and a cost document's estimate (else the CLI's own figure). */
    static TaskResult.Spend spendOf(long tokens, Map<?, ?> cost) {
        Object estimate = cost.get("estimate_usd") != null ? cost.get("estimate_usd") : cost.get("engine_reported_usd");
        return new TaskResult.Spend(tokens, estimate instanceof Number n ? n.doubleValue() : 0);
    }

    /** @param firstAttempt the number of this session's first attempt (after those a resumed run already holds) */
    TaskResult run(TaskDef task, TaskLedger tl, String defaultBase, int firstAttempt) {
        Instant started = Instant.now();
        String prompt = task.prompt() == null ? "" : task.prompt().text();
        EngineSpec spec = RunPreflight.engineSpec(plan, task);
        Engine engine = spec == null ? null : Engines.create(spec, control::interrupted, control.prices);
        int maxAttempts = task.attempts() != null ? task.attempts()
                : plan.recipe().defaults().attempts() != null ? plan.recipe().defaults().attempts() : 1;
        String base = Plan.base(task, defaultBase);
        try (EventLog taskEvents = tl.openEvents()) {
            TaskWorktree wt;
            taskEvents.append("task.started", Map.of("task", task.name(), "attempts", maxAttempts,
                    "engine", task.engine() == null ? "none" : task.engine()));
            control.listener.step(task.name(), "worktree worktrees/" + task.name() + " from " + base);
            String mergeProblem;
            synchronized (GIT_SETUP) {
                wt = TaskCreator.create(layout, new TaskCreator.Spec(task.name(), base,
                        prompt.isBlank() ? null : prompt, task.scope(), task.offLimits(),
                        task.verify().stream().map(s -> s.command()).toList(), null, task.engine(), task.dependsOn(),
                        "Created by `wtcraft run` " + control.runId + " from " + task.location() + ".",
                        boundarySections(task)),
                        control.env, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).worktree();
                mergeProblem = TaskBranch.mergeOtherDependencies(task, wt.path());
                remember(wt, task, defaultBase);
            }
            if (mergeProblem != null) {
                control.listener.finished(task.name(), mergeProblem);
                taskEvents.append("task.skipped", Map.of("reason", mergeProblem));
                TaskResult r = new TaskResult(task.name(), TaskOutcome.SKIPPED, mergeProblem, task.engine(), wt.path(),
                        task.name(), base, List.of(), List.of(), 0, 0, Duration.between(started, Instant.now()),
                        tl.dir(), 1, TaskResult.Spend.NONE, null);
                tl.writeMeta(meta(task, engine, wt.path(), null, started, Instant.now(), null, TaskOutcome.SKIPPED, 1));
                tl.writeText("summary.md", TaskSummary.render(r, null));
                return r;
            }
            String commit = new GitCli(wt.path()).text("rev-parse", "HEAD").strip();
            taskEvents.append("worktree.created", Map.of("worktree", wt.path().toString(), "branch", task.name(),
                    "base", base, "base_commit", commit));
            Attempt last = null;
            int n = firstAttempt - 1;
            TaskResult.Spend spent = TaskResult.Spend.NONE;
            while (n < firstAttempt - 1 + maxAttempts) {
                n++;
                TaskLedger al = tl.attempt(n);
                Instant attemptStart = Instant.now();
                if (n == 1) {
                    last = attempt(task, spec, engine, wt, al, taskEvents, prompt, n, null, spent);
                } else {
                    try (EventLog attemptEvents = al.openEvents()) {
                        last = attempt(task, spec, engine, wt, al, attemptEvents, prompt, n, last, spent);
                    }
                }
                spent = spent.plus(last.spend());
                al.writeMeta(meta(task, engine, wt.path(), commit, attemptStart, Instant.now(), last.engine(),
                        last.outcome(), n));
                boolean retryable = last.outcome() == TaskOutcome.SCOPE_VIOLATION
                        || last.outcome() == TaskOutcome.VERIFY_FAILED || last.outcome() == TaskOutcome.CHANGES_REQUESTED;
                if (!retryable || n == firstAttempt - 1 + maxAttempts || control.interrupted()) {
                    break;
                }
                control.listener.step(task.name(), "attempt " + n + " of " + maxAttempts + " ended " + last.outcome().wire()
                        + "; trying again with feedback");
            }
            TaskResult result = new TaskResult(task.name(), last.outcome(), last.reason(), task.engine(), wt.path(),
                    task.name(), base, last.check() == null ? List.of() : last.check().changedFiles(),
                    last.check() == null ? List.of() : last.check().violations(),
                    last.verify() == null ? 0 : (int) last.verify().passedCount(),
                    last.verify() == null ? 0 : last.verify().results().size(),
                    Duration.between(started, Instant.now()), tl.dir(), n, spent, last.review());
            tl.writeText("summary.md", TaskSummary.render(result, last.verify()));
            taskEvents.append("task.finished", Map.of("outcome", last.outcome().wire(), "reason", last.reason(),
                    "attempts", n));
            control.listener.finished(task.name(), last.outcome().wire()
                    + (last.outcome() == TaskOutcome.PASSED ? "" : ": " + last.reason())
                    + (n > 1 ? " (after " + n + " attempts)" : ""));
            return result;
        } catch (WtcraftException | GitException | UncheckedIOException e) {
            // wtcraft itself could not go on (git refused, disk full): the task stops, the ledger says why
            String reason = "stopped by an error: " + e.getMessage();
            control.listener.finished(task.name(), reason);
            tl.writeMeta(meta(task, engine, null, null, started, Instant.now(), null, TaskOutcome.INTERRUPTED, 1));
            TaskResult r = new TaskResult(task.name(), TaskOutcome.INTERRUPTED, reason, task.engine(), null, task.name(),
                    null, List.of(), List.of(), 0, 0, Duration.between(started, Instant.now()), tl.dir(), 1,
                    TaskResult.Spend.NONE, null);
            tl.writeText("summary.md", TaskSummary.render(r, null));
            control.interrupt();
            return r;
        }
    }

    private Attempt attempt(TaskDef task, EngineSpec spec, Engine engine, TaskWorktree wt, TaskLedger al,
                            EventLog events, String prompt, int n, Attempt previous, TaskResult.Spend spentBefore) {
        dev.wtcraft.model.Sandbox declared = task.sandboxOr(plan.recipe().defaults().sandbox());
        try (Sandboxes.Confinement sandbox = confinement(task, spec, wt, al, false)) {
            if (declared != null) {
                events.append("sandbox", sandbox.record());
                if (n == 1) {
                    control.listener.step(task.name(), sandbox.enforced()
                            ? "sandbox " + declared.filesystem().wire() + (declared.network() ? "" : ", no network") + " (" + sandbox.record().get("by") + ")"
                            : "no sandbox: " + sandbox.record().get("reason"));
                }
            }
            return attempt(task, spec, engine, wt, al, events, prompt, n, previous, spentBefore, sandbox);
        }
    }

    private Attempt attempt(TaskDef task, EngineSpec spec, Engine engine, TaskWorktree wt, TaskLedger al,
                            EventLog events, String prompt, int n, Attempt previous, TaskResult.Spend spentBefore,
                            Sandboxes.Confinement sandbox) {
        dev.wtcraft.model.Budget budget = task.budget() != null ? task.budget() : plan.recipe().defaults().taskBudget();
        java.util.concurrent.atomic.AtomicReference<Process> process = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicReference<String> overBudget = new java.util.concurrent.atomic.AtomicReference<>();
        boolean resume = previous != null && previous.engine() != null && previous.engine().sessionId() != null
                && engine instanceof AgentEngine agent && agent.canResume();
        String feedback = previous == null ? null : Feedback.render(prompt, previous.check(), previous.verify(),
                previous.failingOutput(), previous.review(), resume);
        String attemptPrompt = feedback == null ? prompt : feedback;
        al.writePrompt(attemptPrompt);
        if (feedback != null) {
            al.writeText("feedback.md", feedback);
        }
        if (n > 1) {
            events.append("attempt.started", Map.of("attempt", n, "resume", resume ? previous.engine().sessionId() : ""));
            stage(wt, Stage.PLANNED, Role.PLANNER, null, n, events);
        }
        stage(wt, Stage.EXECUTING, Role.EXECUTOR, task.engine(), n, events);
        EngineResult er = null;
        CommandGate gate = new CommandGate(task.policyWith(plan.recipe().defaults().policy()), control.approvals,
                dev.wtcraft.io.Terminal::confirm, events);
        dev.wtcraft.model.Policy agentPolicy = gate.forAgent();
        EngineRun.Boundary boundary = boundary(task, sandbox, false, agentPolicy);
        if (agentPolicy != null && spec != null && spec.kind() == dev.wtcraft.model.EngineKind.CODEX) {
            events.append("policy.untranslated", Map.of("engine", spec.name(), "why",
                    "codex exec takes no per-command allow or deny flags: the sandbox and check enforce this task's boundary"));
        }
        String refusedEngine = engine instanceof dev.wtcraft.engine.ShellEngine
                ? gate.refusal(engine.describe(), "the shell engine") : null;
        java.util.Set<String> ownRefs = new java.util.HashSet<>();
        plan.order().forEach(t -> ownRefs.add("refs/heads/" + t.name()));
        dev.wtcraft.git.GitInternals.Snapshot gitBefore = engine == null ? null
                : dev.wtcraft.git.GitInternals.take(wt.path(), ownRefs);
        if (refusedEngine != null) {
            control.listener.step(task.name(), "engine " + spec.name() + " " + refusedEngine);
            events.append("engine.exited", Map.of("outcome", "failed", "reason", refusedEngine));
            er = new EngineResult(EngineOutcome.FAILED, -1, refusedEngine, Duration.ZERO, null, Map.of());
        } else if (engine != null) {
            Duration timeout = plan.timeout(task);
            control.listener.step(task.name(), "engine " + spec.name() + ": " + engine.describe()
                    + (timeout == null ? "" : " (timeout " + Durations.format(timeout) + ")")
                    + (resume ? " resuming session " + previous.engine().sessionId() : ""));
            Map<String, String> vars = new HashMap<>(Map.of("WTCRAFT_TASK", task.name(),
                    "WTCRAFT_WORKTREE", wt.path().toString(), "WTCRAFT_RUN_ID", control.runId,
                    "WTCRAFT_LEDGER", al.dir().toString(), "WTCRAFT_ATTEMPT", Integer.toString(n)));
            if (feedback != null) {
                vars.put("WTCRAFT_FEEDBACK_FILE", al.dir().resolve("feedback.md").toString());
            }
            er = engine.run(new EngineRun(wt.path(), attemptPrompt, al.promptFile(), vars, timeout, events,
                    p -> {
                        process.set(p);
                        control.running(p);
                    }, al.dir(), boundary,
                    resume ? previous.engine().sessionId() : null, n, resume ? previous.engine().usage() : null,
                    (usage, cost) -> {
                        if (budget == null || overBudget.get() != null) {
                            return;
                        }
                        TaskResult.Spend now = spentBefore.plus(spendOf(usage.totalTokens(), cost));
                        if (budget.exceededBy(now.tokens(), now.usd())) {
                            overBudget.set(String.format(java.util.Locale.ROOT,
                                    "spent its budget (%s): %d tokens, $%.4f estimated", budget, now.tokens(), now.usd()));
                            events.append("budget.spent", Map.of("budget", budget.toString(), "tokens", now.tokens(),
                                    "estimated_usd", now.usd()));
                            Process p = process.get();
                            if (p != null) {
                                dev.wtcraft.process.StepRunner.killGroup(p);
                            }
                        }
                    }));
            control.running(null);
            control.listener.step(task.name(), "engine " + er.reason() + " after "
                    + String.format(java.util.Locale.ROOT, "%.1fs", er.duration().toMillis() / 1000.0));
            al.redact("last-message.md"); // the CLI wrote it itself
            if (er.lastMessage() != null && al.isBlank("last-message.md")) {
                al.writeText("last-message.md", er.lastMessage());
            }
        }
        al.writeJson("usage.json", er == null ? Map.of() : er.usage());
        boolean engineOk = (er == null || er.outcome().completed()) && overBudget.get() == null;
        if (engineOk && !control.interrupted()) {
            TaskBranch.commitWork(wt.path(), task, control.runId, n, events);
        }
        List<Violation> internals = new ArrayList<>();
        if (gitBefore != null) {
            for (String change : dev.wtcraft.git.GitInternals.changes(gitBefore,
                    dev.wtcraft.git.GitInternals.take(wt.path(), ownRefs))) {
                internals.add(new Violation(dev.wtcraft.scope.ViolationKind.GIT_INTERNALS, ".git", null,
                        "Git internals changed while the engine ran: " + change));
            }
        }
        stage(wt, Stage.VERIFYING, Role.VERIFIER, null, n, events);
        CheckReport check = CheckService.check(wt, null, internals);
        al.writeJson("check.json", check.toDocument());
        al.writeChangedFiles(check.changedFiles());
        events.append("check", Map.of("result", check.passed() ? "pass" : "fail",
                "changed_files", check.changedFiles().size(), "violations", check.violations().size()));
        control.listener.step(task.name(), check.passed()
                ? "check passed (" + plural(check.changedFiles().size(), "changed file") + ")"
                : "check failed: " + describe(check.violations()));
        VerifyReport verify = null;
        Map<Integer, Deque<String>> output = new HashMap<>();
        if (engineOk && !control.interrupted() && !task.verify().isEmpty()) {
            Map<String, String> stepEnv = boundary.baseEnv();
            verify = VerifyService.verifySteps(wt, task.verify(),
                    i -> events.lines("verify.stdout", Map.of("step", i), line -> tail(output, i, line)),
                    i -> events.lines("verify.stderr", Map.of("step", i), line -> tail(output, i, line)), null,
                    step -> events.append("verify.step", step.toDocument()), control::running,
                    argv -> boundary.confine(gate.gateStep(argv), stepEnv), stepEnv);
            control.running(null);
            al.writeJson("verify.json", verify.toDocument());
            control.listener.step(task.name(), "verify " + verify.summaryLine());
        }
        TaskOutcome outcome = overBudget.get() != null ? TaskOutcome.BUDGET : decide(er, check, verify);
        String reason = overBudget.get() != null ? overBudget.get() : reason(outcome, er, check, verify);
        TaskResult.Spend spend = spendOf(er == null ? null : er.usage());
        var review = plan.review(task);
        ReviewService.Outcome reviewed = null;
        if (outcome == TaskOutcome.PASSED && review != null && !control.interrupted()) {
            reviewed = review(task, review, wt, al, events, check, verify);
            spend = spend.plus(reviewed.spend());
            if (reviewed.verdict() != Verdict.APPROVE && review.required()) {
                outcome = control.interrupted() ? TaskOutcome.INTERRUPTED : TaskOutcome.CHANGES_REQUESTED;
                reason = "the review requested changes: " + reviewed.line();
            } else {
                reason = reason + "; review " + reviewed.line();
            }
        } else if (outcome != TaskOutcome.INTERRUPTED) {
            boolean passed = outcome == TaskOutcome.PASSED;
            stage(wt, passed ? Stage.APPROVED : Stage.REPLAN, passed ? Role.FINISHER : Role.PLANNER, null, n, events);
        }
        events.append("attempt.finished", Map.of("attempt", n, "outcome", outcome.wire(), "reason", reason));
        return new Attempt(er, check, verify, outcome, reason, output, spend, reviewed);
    }

    /**
     * The task's sandbox for one engine run, an attempt's (with its steps) or a reviewer's: an agent CLI keeps its
     * state directories writable and writes its final message into {@code ledger}.
     */
    private Sandboxes.Confinement confinement(TaskDef task, EngineSpec spec, TaskWorktree wt, TaskLedger ledger,
                                              boolean readOnly) {
        Map<String, String> engineEnv = new HashMap<>(control.env);
        boolean agent = spec != null && spec.kind().agent();
        if (spec != null) {
            engineEnv.putAll(spec.env());
        }
        return Sandboxes.of(task.sandboxOr(plan.recipe().defaults().sandbox()), control.noSandbox, layout, wt.path(),
                agent, engineEnv, readOnly, agent ? ledger.dir().resolve("last-message.md") : null);
    }

    /** What one engine run may touch, see and run. */
    private EngineRun.Boundary boundary(TaskDef task, Sandboxes.Confinement sandbox, boolean readOnly,
                                        dev.wtcraft.model.Policy agentPolicy) {
        var environment = task.environmentOr(plan.recipe().defaults().environment());
        return new EngineRun.Boundary(task.scope(), task.offLimits(), readOnly, sandbox.words(), environment,
                sandbox.forced(environment), control.env, agentPolicy);
    }

    /** The contract's `## Sandbox` and `## Policy` sections, for what the task declares of them. */
    private Map<String, List<String>> boundarySections(TaskDef task) {
        Map<String, List<String>> sections = new LinkedHashMap<>();
        var sandbox = task.sandboxOr(plan.recipe().defaults().sandbox());
        if (sandbox != null) {
            sections.put("Sandbox", sandbox.contractLines());
        }
        var policy = task.policyWith(plan.recipe().defaults().policy());
        if (policy != null) {
            sections.put("Policy", policy.contractLines());
        }
        return sections;
    }

    /** The review of an attempt that passed its gates, in the attempt's `review/` ledger directory. */
    private ReviewService.Outcome review(TaskDef task, dev.wtcraft.model.Review review, TaskWorktree wt, TaskLedger al,
                                         EventLog events, CheckReport check, VerifyReport verify) {
        EngineSpec spec = RunPreflight.engineSpec(plan.recipe(), review.engine(), review.location());
        if (spec.name().equals(task.engine())) {
            control.listener.step(task.name(), "note: the reviewer is the task's own engine (" + spec.name() + ")");
        }
        control.listener.step(task.name(), "review by " + spec.name());
        events.append("review.started", Map.of("reviewer", spec.name()));
        Duration timeout = review.timeout() != null ? review.timeout()
                : spec.timeout() != null ? spec.timeout() : plan.recipe().defaults().timeout();
        TaskLedger reviewLedger = al.next("review");
        ReviewService.Outcome o;
        // the reviewer runs in the task's sandbox, read-only whatever the task may write
        try (Sandboxes.Confinement sandbox = confinement(task, spec, wt, reviewLedger, true)) {
            if (task.sandboxOr(plan.recipe().defaults().sandbox()) != null) {
                events.append("review.sandbox", sandbox.record());
            }
            var boundary = boundary(task, sandbox, true, CommandGate.forAgent(
                    task.policyWith(plan.recipe().defaults().policy()), control.approvals));
            o = ReviewService.review(wt, new ReviewService.Request(spec,
                            review.prompt() == null ? null : review.prompt().text(), review.required(), timeout, boundary),
                    reviewLedger, control.env, control.prices, control::interrupted, control::running, check, verify);
        }
        control.running(null);
        events.append("review.verdict", o.toDocument());
        control.listener.step(task.name(), "review " + o.line());
        return o;
    }

    private static synchronized void tail(Map<Integer, Deque<String>> output, int step, String line) {
        Deque<String> d = output.computeIfAbsent(step, k -> new ArrayDeque<>());
        d.addLast(line);
        if (d.size() > OUTPUT_TAIL) {
            d.removeFirst();
        }
    }

    private void stage(TaskWorktree wt, Stage stage, Role role, String agent, int attempt, EventLog events) {
        StateService.apply(wt, new StateService.Change(stage.wire(), role.wire(), agent, attempt, null, null, false), null);
        events.append("stage", Map.of("stage", stage.wire(), "role", role.wire()));
    }

    private TaskOutcome decide(EngineResult er, CheckReport check, VerifyReport verify) {
        if (control.interrupted() || (er != null && er.outcome() == EngineOutcome.INTERRUPTED)) {
            return TaskOutcome.INTERRUPTED;
        }
        if (er != null) {
            switch (er.outcome()) {
                case TIMED_OUT -> {
                    return TaskOutcome.TIMEOUT;
                }
                case FAILED, KILLED -> {
                    return TaskOutcome.ENGINE_FAILED;
                }
                case API_ERROR -> {
                    return TaskOutcome.API_ERROR;
                }
                case MAX_TURNS -> {
                    return TaskOutcome.MAX_TURNS;
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
        String denied = er != null && er.outcome() == EngineOutcome.PERMISSION_DENIED ? "; the engine " + er.reason() : "";
        return switch (outcome) {
            case PASSED -> (verify == null ? "check passed; no verification steps" : "check passed; " + verify.summaryLine())
                    + denied;
            case SCOPE_VIOLATION -> "outside the contract: " + describe(check.violations()) + denied;
            case VERIFY_FAILED -> "verification failed: " + verify.results().stream().filter(s -> !s.passed())
                    .map(s -> "'" + s.command() + "' " + (s.timedOut() ? "timed out" : "exited " + s.exitCode()))
                    .reduce((a, b) -> a + ", " + b).orElse("") + denied;
            case ENGINE_FAILED, TIMEOUT, API_ERROR, MAX_TURNS, PERMISSION_DENIED -> "engine " + er.reason();
            case CONTRACT_TAMPERED -> "the task's contract or state file was tampered with";
            case INTERRUPTED -> "interrupted; the engine's process group was stopped";
            case BUDGET, SKIPPED, CHANGES_REQUESTED -> outcome.wire();
        };
    }

    static String describe(List<Violation> violations) {
        List<String> parts = new ArrayList<>();
        for (Violation v : violations) {
            parts.add(v.kind().wire() + " " + v.file() + (v.matched() == null ? "" : " (" + v.matched() + ")"));
        }
        return String.join(", ", parts);
    }

    private static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    static Map<String, Object> meta(TaskDef task, Engine engine, Path worktree, String baseCommit, Instant started,
                                    Instant finished, EngineResult er, TaskOutcome outcome, int attempt) {
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
        m.put("depends_on", task.dependsOn());
        if (er != null) {
            m.put("engine_outcome", er.outcome().wire());
            m.put("session_id", er.sessionId());
        }
        return m;
    }
}
