package dev.wtcraft.run;

import dev.wtcraft.ExitCodes;
import dev.wtcraft.contract.Role;
import dev.wtcraft.contract.SignOff;
import dev.wtcraft.contract.SpecDigest;
import dev.wtcraft.contract.Stage;
import dev.wtcraft.contract.TaskFiles;
import dev.wtcraft.contract.TaskState;
import dev.wtcraft.engine.Engine;
import dev.wtcraft.engine.EngineResult;
import dev.wtcraft.engine.EngineRun;
import dev.wtcraft.git.GitCli;
import dev.wtcraft.git.Landing;
import dev.wtcraft.git.WorkingTree;
import dev.wtcraft.ledger.EventLog;
import dev.wtcraft.ledger.LedgerDocument;
import dev.wtcraft.ledger.ReviewRecord;
import dev.wtcraft.ledger.ReviewVerdict;
import dev.wtcraft.ledger.Spend;
import dev.wtcraft.ledger.TaskLedger;
import dev.wtcraft.model.EngineSpec;
import dev.wtcraft.task.CheckReport;
import dev.wtcraft.task.TaskRecord;
import dev.wtcraft.task.TaskWorktree;
import dev.wtcraft.task.VerifyReport;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A review: a second engine reads the contract, the diff and the verification results, read-only, and its final
 * message's `VERDICT:` line decides. The verdict goes into the ledger and the state file (stage approved or
 * replan, and the snapshot it was given on, so a later change needs a new review).
 */
public final class ReviewService {
    /** Largest diff put into the prompt; the reviewer reads the rest from the worktree. */
    static final int DIFF_LIMIT = 200_000;

    /**
     * What to run: the reviewing engine, the team's own instructions, whether approval is required, for how long.
     *
     * @param boundary how the reviewer is confined beyond read-only (sandbox, environment), or null for nothing more
     */
    public record Request(EngineSpec engine, String instructions, boolean required, Duration timeout,
                          EngineRun.Boundary boundary) {
        public Request(EngineSpec engine, String instructions, boolean required, Duration timeout) {
            this(engine, instructions, required, timeout, null);
        }
    }

    /** What the review came to: the ledger's record of it, how the final message read, and the engine's result. */
    public record Outcome(ReviewRecord record, Verdict.Reading reading, EngineResult engine) {
        public ReviewVerdict verdict() {
            return record.verdict();
        }

        public String note() {
            return record.note();
        }

        public Spend spend() {
            return record.spend();
        }

        public int exitCode() {
            if (verdict() == ReviewVerdict.APPROVE) {
                return 0;
            }
            // a failed reviewing engine counts as changes requested, but says so by its exit code
            return engine != null && !engine.outcome().completed() ? ExitCodes.ENGINE_FAILED : ExitCodes.CHANGES_REQUESTED;
        }

        /** The verdict and its first reason, for one line of a summary. */
        public String line() {
            String why = record.summary();
            return verdict().wire() + " by " + record.reviewer() + (why == null || why.isBlank() ? "" : ": " + why);
        }

        public ReviewRecord toDocument() {
            return record;
        }
    }

    private ReviewService() {
    }

    /**
     * Runs the review and records it.
     *
     * @param check  the check of this attempt, or null to describe the recorded one
     * @param verify the verification of this attempt, or null to describe the recorded one
     */
    public static Outcome review(TaskWorktree wt, Request request, TaskLedger ledger, RunControl.Host host,
                                 CheckReport check, VerifyReport verify) {
        TaskRecord task = TaskRecord.load(wt, null);
        WorkingTree tree = new WorkingTree(wt.path(), TaskFiles::isLocalTaskFile);
        String before = tree.snapshot(SpecDigest.of(task.contract()));
        String prompt = prompt(task, request, check, verify);
        ledger.writePrompt(prompt);
        EngineSpec spec = request.engine();
        Engine engine = Engines.create(spec, host.interrupted(), host.prices(), host.scripts());
        try (EventLog events = ledger.openEvents()) {
            events.append("review.started", Map.of("reviewer", spec.name(), "command", engine.describe(),
                    "snapshot", before));
            Map<String, String> vars = Map.of("WTCRAFT_TASK", task.state().taskId(), "WTCRAFT_WORKTREE",
                    wt.path().toString(), "WTCRAFT_LEDGER", ledger.dir().toString(), "WTCRAFT_REVIEW", "1");
            EngineStep.Result run = EngineStep.run(engine, new EngineRun(wt.path(), prompt, ledger.promptFile(), vars,
                    events, ledger.dir(), request.boundary() != null
                    ? request.boundary() : new EngineRun.Boundary(task.contract().scope(), task.contract().offLimits(), true),
                    EngineRun.Gates.timeout(request.timeout()), EngineRun.Resume.FIRST, host.running()), ledger, host);
            EngineResult er = run.engine();
            String after = tree.snapshot(SpecDigest.of(task.contract()));
            boolean changed = !after.equals(before);
            Verdict.Reading reading = Verdict.read(er.lastMessage());
            String note = reading.note();
            if (!er.outcome().completed()) {
                note = "the review engine " + er.reason();
            }
            if (changed) {
                note = "the reviewer changed the worktree during a read-only review";
            }
            ReviewVerdict verdict = note == null ? reading.verdict() : ReviewVerdict.REQUEST_CHANGES;
            ReviewRecord record = new ReviewRecord(LedgerDocument.SCHEMA_VERSION, verdict, spec.name(),
                    request.required(), note != null ? note : reading.summary(), reading.reasons(), note,
                    er.outcome(), er.reason(), changed, after, run.usage().spend(), Instant.now());
            ledger.write("review.json", record);
            events.append("review.verdict", Map.of("verdict", verdict.wire(), "summary",
                    record.summary() == null ? "" : record.summary()));
            Outcome outcome = new Outcome(record, reading, er);
            record(TaskRecord.load(wt, null), outcome);
            return outcome;
        }
    }

    /** The verdict into the state file: stage approved or replan, and the snapshot it holds for. */
    private static void record(TaskRecord task, Outcome o) {
        Instant now = Instant.now();
        boolean approved = o.verdict() == ReviewVerdict.APPROVE;
        TaskState.Builder next = task.state().edit()
                .stage(approved ? Stage.APPROVED : Stage.REPLAN).role(approved ? Role.FINISHER : Role.PLANNER)
                .extra(SignOff.REVIEW_RESULT, o.verdict().wire())
                .extra(SignOff.REVIEW_SUMMARY, o.record().summary())
                .extra(SignOff.REVIEW_SNAPSHOT, o.record().snapshot()).extra(SignOff.REVIEWED, TaskState.timestamp(now))
                .extra(SignOff.REVIEWER, o.record().reviewer());
        if (o.record().required()) {
            next.extra(SignOff.REVIEW_REQUIRED, "true");
        }
        task.save(next.build(now));
        SignOff.update(task.worktree().layout(), task.worktree().entry().shortBranch(), s -> s
                .withReviewRequired(s.reviewRequired() || o.record().required())
                .withReview(new SignOff.Review(o.verdict().wire(), o.record().summary(), o.record().snapshot(),
                        o.record().reviewer(), TaskState.timestamp(now))));
    }

    /** What the reviewer is asked, and given: instructions, the contract, what wtcraft's gates found, the diff. */
    static String prompt(TaskRecord task, Request request, CheckReport check, VerifyReport verify) {
        StringBuilder p = new StringBuilder();
        p.append("You are reviewing another engine's work on task ").append(task.state().taskId())
                .append(". Your working directory is the task's git worktree. This is a read-only review: do not")
                .append(" change, create or delete any file.\n\n")
                .append("Judge the change against the contract below: does it do what the Objective asks, stay inside")
                .append(" Scope, leave Off-limits alone, and keep the Verification passing? Look for bugs, missing")
                .append(" tests and risky edits; read any file of the worktree you need.\n\n");
        if (request.instructions() != null && !request.instructions().isBlank()) {
            p.append("The team asks you in particular:\n").append(request.instructions().strip()).append("\n\n");
        }
        p.append("End your final message with exactly one of these lines, followed by your reasons, one per line:\n")
                .append("VERDICT: APPROVE\nVERDICT: REQUEST_CHANGES\n")
                .append("Any other answer counts as a request for changes.\n\n");
        p.append("## The contract (").append(TaskFiles.TASK_FILE).append(")\n\n");
        p.append(dev.wtcraft.contract.TaskFileReader.read(task.worktree().taskFile(), "contract").strip()).append("\n\n");
        p.append("## What wtcraft's gates found\n\n");
        if (check != null) {
            p.append("- check: ").append(check.passed() ? "pass" : "fail").append(", ")
                    .append(check.changedFiles().size()).append(" changed file(s)")
                    .append(check.violations().isEmpty() ? "" : "; " + CheckStep.describe(check.violations()))
                    .append('\n');
        } else {
            p.append("- check: ").append(orNone(task.state().checkResult())).append('\n');
        }
        if (verify != null) {
            verify.results().forEach(s -> p.append("- verify `").append(s.command()).append("`: ")
                    .append(s.passed() ? "pass" : s.timedOut() ? "timed out" : "fail, exit " + s.exitCode()).append('\n'));
        } else {
            p.append("- verify: ").append(orNone(task.state().verifyResult())).append('\n');
        }
        p.append('\n').append(diff(task));
        return p.toString();
    }

    private static String orNone(String result) {
        return result == null ? "not run" : result;
    }

    /** The task's whole change: committed, uncommitted and new files, against where it started. */
    private static String diff(TaskRecord task) {
        var wt = task.worktree();
        String base = task.contract().base().orElse("HEAD");
        GitCli git = new GitCli(wt.path());
        String work = new Landing(wt.layout().root()).pendingWork(wt.path(), "wtcraft review: the work under review",
                TaskFiles.LOCAL);
        var mb = git.run("merge-base", base, work);
        String from = mb.ok() ? mb.stdoutText().strip() : "HEAD";
        String text = git.text("diff", "--stat", "--patch", "--no-color", "--no-ext-diff", from, work);
        StringBuilder d = new StringBuilder("## The diff against ").append(base).append(" (from ")
                .append(from, 0, Math.min(12, from.length())).append(")\n\n```diff\n");
        if (text.length() > DIFF_LIMIT) {
            d.append(text, 0, DIFF_LIMIT).append("\n```\n\nThe diff is cut at ").append(DIFF_LIMIT)
                    .append(" characters; read the rest in the worktree.\n");
        } else {
            d.append(text).append(text.endsWith("\n") ? "" : "\n").append("```\n");
        }
        return d.toString();
    }

    /** Where a review outside a run is recorded: `.wtcraft/runs/reviews/<time>-<task>/`. */
    public static TaskLedger standaloneLedger(java.nio.file.Path repoRoot, String taskId) {
        return TaskLedger.at(repoRoot.resolve(dev.wtcraft.ledger.RunLedger.RUNS_DIR).resolve("reviews")
                .resolve(dev.wtcraft.ledger.RunLedger.stamp(Instant.now()) + "-" + taskId.replace('/', '_')));
    }
}
