package dev.wtcraft.report;

import dev.wtcraft.WtcraftException;
import dev.wtcraft.ledger.CheckRecord;
import dev.wtcraft.ledger.DiffRecord;
import dev.wtcraft.ledger.Event;
import dev.wtcraft.ledger.LedgerCodec;
import dev.wtcraft.ledger.ReviewRecord;
import dev.wtcraft.ledger.RunHistory;
import dev.wtcraft.ledger.RunRecord;
import dev.wtcraft.ledger.TaskLedger;
import dev.wtcraft.ledger.TaskMeta;
import dev.wtcraft.ledger.TaskOutcome;
import dev.wtcraft.ledger.VerifyRecord;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One run's ledger read back for the reports: the run, and per task what every document of its ledger says. */
public record RunData(String runId, Path ledger, String recipe, String baseCommit, Instant started, Instant finished,
                      Integer exitCode, List<Task> tasks) {

    /** A changed file, and the violations it caused. */
    public record ChangedFile(String path, List<CheckRecord.Violation> violations) {
    }

    /** A task's latest review, and the file it is recorded in. */
    public record Review(ReviewRecord record, Path file) {
    }

    /** A stretch of one attempt: engine, gates, review. */
    public record Phase(int attempt, String name, Instant from, Instant to) {
    }

    /**
     * One task as its ledger records it.
     *
     * @param entry    its entry in run.json
     * @param meta     its meta.json, or null when it never started
     * @param changed  its last attempt's changed files
     * @param steps    its last attempt's verification steps
     * @param diff     its last attempt's diff.json, or null
     * @param patch    its last attempt's diff.patch, or null
     * @param refusals the commands its policy refused, each with the rule that refused it
     * @param review   its latest review, or null
     * @param started  its first event, or null
     * @param finished its last event up to its verdict (a later landing does not stretch it), or null
     */
    public record Task(String name, RunRecord.Task entry, TaskMeta meta, List<ChangedFile> changed,
                       List<VerifyRecord.Step> steps, DiffRecord diff, String patch, Map<String, String> refusals,
                       Review review, List<Phase> phases, Instant started, Instant finished, Path dir) {
        public TaskOutcome outcome() {
            return entry.outcome();
        }

        public String reason() {
            return entry.reason();
        }

        public int attempts() {
            return entry.attempts();
        }

        public String engine() {
            return meta == null ? null : meta.engine();
        }

        public List<String> dependsOn() {
            return meta == null ? List.of() : meta.dependsOn();
        }

        public long tokens() {
            return entry.spend().tokens();
        }

        public double usd() {
            return entry.spend().estimatedUsd();
        }

        public RunRecord.Landed landed() {
            return entry.landed();
        }

        public long violationCount() {
            return changed.stream().mapToLong(f -> f.violations().size()).sum();
        }

        /** The rule that refused a verification step, when the policy did (its exit 126 is that refusal). */
        public String refusedBy(VerifyRecord.Step step) {
            return step.passed() || step.exitCode() == null || step.exitCode() != 126 ? null : refusals.get(step.command());
        }

        /** A step the policy refused as every report names it, {@code refused by policy: RULE}; null for any other step. */
        public String refusal(VerifyRecord.Step step) {
            String rule = refusedBy(step);
            return rule == null ? null : "refused by policy: " + rule;
        }

        /** A failed step in one phrase: {@code 'CMD' exited N}, or its refusal when the policy refused it. */
        public String failure(VerifyRecord.Step step) {
            String refusal = refusal(step);
            return "'" + step.command() + "' " + (refusal != null ? refusal
                    : step.exitCode() == null ? step.status() : "exited " + step.exitCode());
        }

        /** The reason, a step the policy refused named as that refusal rather than as its exit 126 (null: none). */
        public String shownReason() {
            String reason = reason();
            for (VerifyRecord.Step s : steps) {
                if (reason != null && refusal(s) != null) {
                    reason = reason.replace("'" + s.command() + "' exited 126", failure(s));
                }
            }
            return reason;
        }

        public double seconds() {
            return started == null || finished == null ? 0 : (finished.toEpochMilli() - started.toEpochMilli()) / 1000.0;
        }
    }

    /** Reads run {@code runId} (an id, a prefix, or "last") of the repository at {@code root}. */
    public static RunData load(Path root, String runId) {
        RunHistory history = new RunHistory(root);
        String id = history.resolve(runId);
        RunRecord run = history.run(id);
        Path ledger = history.dir(id);
        List<Task> tasks = new ArrayList<>();
        run.tasks().forEach((name, entry) -> tasks.add(task(ledger, name, entry)));
        return new RunData(id, ledger, run.recipe(), run.baseCommit(), run.startedAt(), run.finishedAt(),
                run.exitCode(), tasks);
    }

    private static Task task(Path ledger, String name, RunRecord.Task entry) {
        Path dir = ledger.resolve("tasks").resolve(name);
        if (!Files.isDirectory(dir)) {
            return new Task(name, entry, null, List.of(), List.of(), null, null, Map.of(), null, List.of(), null, null, dir);
        }
        TaskLedger tl = TaskLedger.at(dir);
        TaskLedger last = tl.attempt(Math.max(1, entry.attempts()));
        TaskMeta meta = tl.read("meta.json", TaskMeta.class).orElse(null);
        CheckRecord check = last.read("check.json", CheckRecord.class).orElse(null);
        VerifyRecord verify = last.read("verify.json", VerifyRecord.class).orElse(null);
        DiffRecord diff = last.read("diff.json", DiffRecord.class).orElse(null);
        Map<String, String> refusals = new LinkedHashMap<>();
        List<Phase> phases = new ArrayList<>();
        Instant started = null;
        Instant finished = null;
        for (int a = 1; a <= Math.max(1, entry.attempts()); a++) {
            Instant[] span = phases(tl.attempt(a).dir().resolve("events.jsonl"), a, phases, refusals);
            started = started == null ? span[0] : started;
            finished = span[1] != null ? span[1] : finished;
        }
        return new Task(name, entry, meta, changed(check), verify == null ? List.of() : verify.results(), diff,
                diff == null ? null : text(last.dir().resolve("diff.patch")), refusals, review(dir), phases, started,
                finished, dir);
    }

    private static String text(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            throw WtcraftException.fatal("unreadable ledger file " + file + ": " + e.getMessage());
        }
    }

    private static List<ChangedFile> changed(CheckRecord check) {
        List<ChangedFile> out = new ArrayList<>();
        if (check == null) {
            return out;
        }
        Map<String, List<CheckRecord.Violation>> byFile = new LinkedHashMap<>();
        for (CheckRecord.Violation v : check.violations()) {
            byFile.computeIfAbsent(v.file(), k -> new ArrayList<>()).add(v);
        }
        for (String f : check.changedFiles()) {
            out.add(new ChangedFile(f, byFile.getOrDefault(f, List.of())));
        }
        byFile.forEach((file, vs) -> {
            if (file != null && out.stream().noneMatch(c -> c.path().equals(file))) {
                out.add(new ChangedFile(file, vs));
            }
        });
        return out;
    }

    /** The task's latest review: in a run's attempt (`review/`) or a later `wtcraft review` (`review-N/`). */
    private static Review review(Path taskDir) {
        Review latest = null;
        try (var files = Files.walk(taskDir, 3)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.getFileName().toString().equals("review.json"))::iterator) {
                ReviewRecord r = LedgerCodec.read(f, ReviewRecord.class);
                if (latest == null || (r.reviewedAt() != null && (latest.record().reviewedAt() == null
                        || r.reviewedAt().isAfter(latest.record().reviewedAt())))) {
                    latest = new Review(r, f);
                }
            }
        } catch (IOException e) {
            throw WtcraftException.fatal("cannot list " + taskDir + ": " + e.getMessage());
        }
        return latest;
    }

    /**
     * Reads an attempt's stage events into phases; returns the attempt's first timestamp and the last one up to its
     * verdict (events after `task.finished`, such as a later landing, are not the task's own time).
     */
    private static Instant[] phases(Path events, int attempt, List<Phase> into, Map<String, String> refusals) {
        Instant first = null;
        Instant last = null;
        Instant engineFrom = null;
        Instant gatesFrom = null;
        Instant reviewFrom = null;
        boolean over = false;
        if (!Files.isRegularFile(events)) {
            return new Instant[]{null, null};
        }
        try (BufferedReader r = Files.newBufferedReader(events, StandardCharsets.UTF_8)) {
            int lineNo = 0;
            for (String line = r.readLine(); line != null && !over; line = r.readLine()) {
                lineNo++;
                if (!wanted(line)) {
                    continue;
                }
                Event event = LedgerCodec.parse(events + " line " + lineNo, line, Event.class);
                Instant ts = event.ts();
                first = first == null ? ts : first;
                last = ts;
                switch (event.type()) {
                    case "stage" -> {
                        String stage = event.text("stage");
                        if ("executing".equals(stage)) {
                            engineFrom = ts;
                        } else if ("verifying".equals(stage)) {
                            if (engineFrom != null) {
                                into.add(new Phase(attempt, "engine", engineFrom, ts));
                                engineFrom = null;
                            }
                            gatesFrom = ts;
                        }
                    }
                    case "review.started" -> {
                        if (gatesFrom != null) {
                            into.add(new Phase(attempt, "check & verify", gatesFrom, ts));
                            gatesFrom = null;
                        }
                        reviewFrom = ts;
                    }
                    case "review.verdict" -> {
                        if (reviewFrom != null) {
                            into.add(new Phase(attempt, "review", reviewFrom, ts));
                            reviewFrom = null;
                        }
                    }
                    case "attempt.finished" -> {
                        if (gatesFrom != null) {
                            into.add(new Phase(attempt, "check & verify", gatesFrom, ts));
                            gatesFrom = null;
                        }
                    }
                    case "policy.decision" -> {
                        if ("deny".equals(event.text("decision")) && event.text("command") != null) {
                            refusals.put(event.text("command"), event.text("rule") == null
                                    ? "the line cannot be read as commands" : event.text("rule"));
                        }
                    }
                    case "task.finished", "task.skipped" -> over = true;
                    default -> { }
                }
            }
        } catch (IOException e) {
            throw WtcraftException.fatal("unreadable ledger file " + events + ": " + e.getMessage());
        }
        return new Instant[]{first, last};
    }

    /** The events the timeline reads, told apart before a line is parsed (the engine's own lines are most of them). */
    private static boolean wanted(String line) {
        int at = line.indexOf("\"type\":\"");
        if (at < 0) {
            return false;
        }
        return line.startsWith("stage\"", at + 8) || line.startsWith("review.", at + 8) || line.startsWith("task.", at + 8)
                || line.startsWith("attempt.", at + 8) || line.startsWith("worktree.created\"", at + 8)
                || line.startsWith("policy.decision\"", at + 8);
    }
}
