package dev.wtcraft.run;

import dev.wtcraft.contract.Role;
import dev.wtcraft.contract.Stage;
import dev.wtcraft.engine.AgentEngine;
import dev.wtcraft.engine.EngineResult;
import dev.wtcraft.engine.EngineRun;
import dev.wtcraft.engine.ShellEngine;
import dev.wtcraft.ledger.LedgerCodec;
import dev.wtcraft.ledger.Spend;
import dev.wtcraft.ledger.TaskOutcome;
import dev.wtcraft.ledger.UsageRecord;
import dev.wtcraft.model.Budget;
import dev.wtcraft.model.Durations;
import dev.wtcraft.model.EngineKind;
import dev.wtcraft.plan.EffectiveTask;
import dev.wtcraft.process.StepRunner;
import dev.wtcraft.scope.Violation;
import dev.wtcraft.task.CheckReport;
import dev.wtcraft.task.StateService;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One attempt as its steps, in order: run the engine (in the task's sandbox, under its policy and budget), commit
 * its work, check, record its diff, verify, review. Each step takes the attempt's context and returns a typed result; the outcome is
 * decided from them in {@link Outcomes}.
 */
final class Attempt {
    private Attempt() {
    }

    static AttemptResult run(AttemptContext a) {
        EffectiveTask task = a.task().task();
        try (Sandboxes.Confinement sandbox = Confine.attempt(a.task(), a.worktree(), a.ledger(), false)) {
            if (task.sandbox() != null) {
                a.events().append("sandbox", sandbox.record());
                if (a.number() == 1) {
                    a.step(sandbox.enforced()
                            ? "sandbox " + task.sandbox().filesystem().wire() + (task.sandbox().network() ? "" : ", no network")
                            + " (" + sandbox.record().get("by") + ")"
                            : "no sandbox: " + sandbox.record().get("reason"));
                }
            }
            return run(a, sandbox);
        }
    }

    private static AttemptResult run(AttemptContext a, Sandboxes.Confinement sandbox) {
        AttemptResult previous = a.previous();
        boolean resume = previous != null && previous.engine() != null && previous.engine().sessionId() != null
                && a.task().engine() instanceof AgentEngine agent && agent.canResume();
        String prompt = a.task().task().prompt();
        String feedback = previous == null ? null : Feedback.render(prompt, previous.check(),
                previous.verify() == null ? null : previous.verify().report(),
                previous.verify() == null ? Map.of() : previous.verify().output(), previous.review(), resume);
        String attemptPrompt = feedback == null ? prompt : feedback;
        a.ledger().writePrompt(attemptPrompt);
        if (feedback != null) {
            a.ledger().writeText("feedback.md", feedback);
        }
        if (a.number() > 1) {
            a.events().append("attempt.started", Map.of("attempt", a.number(), "resume",
                    resume ? previous.engine().sessionId() : ""));
            stage(a, Stage.PLANNED, Role.PLANNER, null);
        }
        stage(a, Stage.EXECUTING, Role.EXECUTOR, a.task().task().def().engine());
        RunControl control = a.task().control();
        CommandGate gate = new CommandGate(a.task().task().policy(), control.approvals,
                dev.wtcraft.io.Terminal::confirm, a.events());
        EngineRun.Boundary boundary = Confine.boundary(a.task().task(), control, sandbox, false, gate.forAgent());
        CommitStep.Before gitBefore = CommitStep.before(a);
        TamperGuard guard = TamperGuard.before(a.worktree());
        Engined engined = engine(a, attemptPrompt, feedback, resume, gate, boundary);
        String tampered = guard.after(a.worktree());
        if (tampered != null) {
            a.step("contract_tampered: " + tampered);
            a.events().append("task.tampered", Map.of("what", tampered));
            a.events().append("attempt.finished", Map.of("attempt", a.number(), "outcome",
                    TaskOutcome.CONTRACT_TAMPERED.wire(), "reason", tampered));
            return new AttemptResult(engined.result(), null, null, TaskOutcome.CONTRACT_TAMPERED, tampered,
                    engined.usage().spend(), null);
        }
        boolean engineOk = engined.completed();
        List<Violation> internals = CommitStep.run(a, gitBefore, engineOk && !a.interrupted());
        stage(a, Stage.VERIFYING, Role.VERIFIER, null);
        CheckReport check = CheckStep.run(a, internals);
        DiffStep.run(a, check);
        VerifyStep.Result verify = engineOk && !a.interrupted() && !a.task().task().def().verify().isEmpty()
                ? VerifyStep.run(a, boundary, gate) : null;
        Outcomes.Decision d = Outcomes.decide(a.interrupted(), engined, check, verify);
        if (d.outcome() == TaskOutcome.INTERRUPTED && control.stopReason() != null) {
            d = new Outcomes.Decision(TaskOutcome.INTERRUPTED, "stopped: " + control.stopReason());
        }
        Spend spend = engined.usage().spend();
        ReviewService.Outcome reviewed = null;
        if (d.outcome() == TaskOutcome.PASSED && a.task().task().review() != null && !a.interrupted()) {
            reviewed = ReviewStep.run(a, check, verify == null ? null : verify.report());
            spend = spend.plus(reviewed.spend());
            d = Outcomes.afterReview(d, reviewed, a.task().task().review().required(), a.interrupted());
        } else if (d.outcome() != TaskOutcome.INTERRUPTED) {
            boolean passed = d.outcome() == TaskOutcome.PASSED;
            stage(a, passed ? Stage.APPROVED : Stage.REPLAN, passed ? Role.FINISHER : Role.PLANNER, null);
        }
        a.events().append("attempt.finished", Map.of("attempt", a.number(), "outcome", d.outcome().wire(),
                "reason", d.reason()));
        return new AttemptResult(engined.result(), check, verify, d.outcome(), d.reason(), spend, reviewed);
    }

    /**
     * What the engine step came to, as the attempt judges it: the engine's result and usage, whether the task's
     * budget stopped it, and whether the policy refused it before it started.
     */
    record Engined(EngineResult result, UsageRecord usage, String overBudget, String refused) {
        static final Engined NONE = new Engined(null, UsageRecord.NONE, null, null);

        boolean completed() {
            return refused == null && overBudget == null && (result == null || result.outcome().completed());
        }
    }

    private static Engined engine(AttemptContext a, String prompt, String feedback, boolean resume, CommandGate gate,
                                  EngineRun.Boundary boundary) {
        TaskContext t = a.task();
        EffectiveTask task = t.task();
        if (t.engine() == null) {
            return Engined.NONE;
        }
        var spec = task.engine();
        if (boundary.policy() != null && spec.kind() == EngineKind.CODEX) {
            a.events().append("policy.untranslated", Map.of("engine", spec.name(), "why",
                    "codex exec takes no per-command allow or deny flags: the sandbox and check enforce this task's boundary"));
        }
        if (t.engine() instanceof ShellEngine) {
            String refused = gate.refusal(t.engine().describe(), "the shell engine");
            if (refused != null) {
                a.step("engine " + spec.name() + " " + refused);
                a.events().append("engine.exited", Map.of("outcome", "refused", "reason", refused));
                return new Engined(null, UsageRecord.NONE, null, "the shell engine's command was " + refused);
            }
        }
        Duration timeout = task.timeout();
        AttemptResult previous = a.previous();
        a.step("engine " + spec.name() + ": " + t.engine().describe()
                + (timeout == null ? "" : " (timeout " + Durations.format(timeout) + ")")
                + (resume ? " resuming session " + previous.engine().sessionId() : ""));
        Map<String, String> vars = new HashMap<>(Map.of("WTCRAFT_TASK", task.name(),
                "WTCRAFT_WORKTREE", a.worktree().path().toString(), "WTCRAFT_RUN_ID", t.control().runId,
                "WTCRAFT_LEDGER", a.ledger().dir().toString(), "WTCRAFT_ATTEMPT", Integer.toString(a.number()),
                // the span `wtcraft trace` exports for this attempt, so an agent CLI can nest its own spans under it
                "TRACEPARENT", dev.wtcraft.trace.TraceIds.traceparent(t.control().runId, task.name(), a.number())));
        if (feedback != null) {
            vars.put("WTCRAFT_FEEDBACK_FILE", a.ledger().dir().resolve("feedback.md").toString());
        }
        BudgetWatch budget = new BudgetWatch(task.budget(), a.spentBefore(), a);
        EngineStep.Result r = EngineStep.run(t.engine(), new EngineRun(a.worktree().path(), prompt,
                a.ledger().promptFile(), vars, a.events(), a.ledger().dir(), boundary,
                new EngineRun.Gates(timeout, budget::report, budget.usdLeft()),
                new EngineRun.Resume(a.number(), resume ? previous.engine().sessionId() : null,
                        resume ? previous.engine().usage() : null), budget::started),
                a.ledger(), t.control().host());
        a.step("engine " + r.engine().reason() + " after "
                + String.format(Locale.ROOT, "%.1fs", r.engine().duration().toMillis() / 1000.0));
        return new Engined(r.engine(), r.usage(), budget.crossed(), null);
    }

    /** A task's budget watched as the engine reports usage: the first report that crosses it stops the engine. */
    private static final class BudgetWatch {
        private final Budget budget;
        private final Spend before;
        private final AttemptContext a;
        private final AtomicReference<Process> process = new AtomicReference<>();
        private final AtomicReference<String> crossed = new AtomicReference<>();

        BudgetWatch(Budget budget, Spend before, AttemptContext a) {
            this.budget = budget;
            this.before = before;
            this.a = a;
        }

        void started(Process p) {
            process.set(p);
            a.task().control().running(p);
        }

        void report(dev.wtcraft.engine.Usage usage, Map<String, Object> cost) {
            if (budget == null || crossed.get() != null) {
                return;
            }
            UsageRecord.Cost c = LedgerCodec.convert(cost, UsageRecord.Cost.class);
            Double usd = c.estimateUsd() != null ? c.estimateUsd() : c.engineReportedUsd();
            Spend now = before.plus(new Spend(usage.totalTokens(), usd == null ? 0 : usd));
            if (budget.exceededBy(now.tokens(), now.estimatedUsd())
                    && crossed.compareAndSet(null, "spent its budget (" + budget + "): " + now.tokens()
                    + " tokens, " + Budget.usd(now.estimatedUsd()) + " estimated")) {
                a.events().append("budget.spent", Map.of("budget", budget.toString(), "tokens", now.tokens(),
                        "estimated_usd", now.estimatedUsd()));
                Process p = process.get();
                if (p != null) {
                    StepRunner.killGroup(p);
                }
            }
        }

        String crossed() {
            return crossed.get();
        }

        /** What is left of a USD budget, for a CLI with a budget flag of its own; null without one. */
        Double usdLeft() {
            return budget == null || budget.usd() == null ? null : budget.usd() - before.estimatedUsd();
        }
    }

    static void stage(AttemptContext a, Stage stage, Role role, String agent) {
        StateService.apply(a.worktree(), new StateService.Change(stage.wire(), role.wire(), agent, a.number(), null,
                null, false), null);
        a.events().append("stage", Map.of("stage", stage.wire(), "role", role.wire()));
    }
}
