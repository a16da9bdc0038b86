package dev.wtcraft.recipetest;

import dev.wtcraft.ledger.CheckRecord;
import dev.wtcraft.ledger.Event;
import dev.wtcraft.ledger.LedgerCodec;
import dev.wtcraft.ledger.ReviewVerdict;
import dev.wtcraft.ledger.RunRecord;
import dev.wtcraft.ledger.Spend;
import dev.wtcraft.ledger.TaskLedger;
import dev.wtcraft.ledger.TaskOutcome;
import dev.wtcraft.ledger.UsageRecord;
import dev.wtcraft.ledger.VerifyRecord;
import dev.wtcraft.model.Names;
import dev.wtcraft.report.RunData;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a test's run left, read back from its ledger as records: the run (`run.exitCode`, `run.spend.tokens`) and
 * each task (`task('feat/x').outcome`, `.changed`, `.violations*.kind`, ...). An `expect { }` block asserts on these.
 */
public record Results(Run run, Map<String, Task> tasks) {

    /** The run as a whole: its exit code (as `wtcraft run` would exit), its spend, its tasks in plan order. */
    public record Run(String id, int exitCode, Spend spend, List<String> tasks, Path ledger) {
        @Override
        public String toString() {
            return "run " + id + " (exit " + exitCode + ")";
        }
    }

    /**
     * One task as its ledger records it (its last attempt's check, verification and review).
     *
     * @param changed    the changed files its check saw
     * @param violations the violations its check found (each has kind, file, matched, message)
     * @param verify     its verification steps (each has command, status, exitCode, passed())
     * @param verdict    its latest review's verdict, or null when it was not reviewed
     * @param prompt     what its engine was handed on its last attempt (the task's prompt in wtcraft's frame), or null
     * @param said       what its engine said (agent messages), in order, over all attempts
     * @param usage      its last attempt's usage.json
     */
    public record Task(String name, TaskOutcome outcome, String reason, int attempts, String engine,
                       List<String> changed, List<CheckRecord.Violation> violations, List<VerifyRecord.Step> verify,
                       ReviewVerdict verdict, Spend spend, String prompt, List<String> said, UsageRecord usage,
                       Path ledger) {
        /** What a failed expectation shows of a task: its name and outcome (its fields are asked for one by one). */
        @Override
        public String toString() {
            return "task '" + name + "' (" + outcome.wire() + (reason == null ? "" : ": " + reason) + ")";
        }

        /** Whether it passed. */
        public boolean passed() {
            return outcome == TaskOutcome.PASSED;
        }
    }

    /** A task of the run by name; an unknown name fails naming the tasks there are. */
    public Task task(String name) {
        Task t = tasks.get(name);
        if (t == null) {
            throw new IllegalArgumentException("the run has no task '" + name + "'" + Names.suggestion(name, tasks.keySet())
                    + " (its tasks: " + String.join(", ", tasks.keySet()) + ")");
        }
        return t;
    }

    /** Reads run {@code runId} of the repository at {@code root}. */
    public static Results read(Path root, String runId, int exitCode) {
        RunData data = RunData.load(root, runId);
        RunRecord record = new dev.wtcraft.ledger.RunHistory(root).run(data.runId());
        Map<String, Task> tasks = new LinkedHashMap<>();
        for (RunData.Task t : data.tasks()) {
            List<CheckRecord.Violation> violations = new ArrayList<>();
            t.changed().forEach(c -> violations.addAll(c.violations()));
            TaskLedger tl = TaskLedger.at(t.dir());
            UsageRecord usage = Files.isDirectory(t.dir())
                    ? tl.attempt(Math.max(1, t.attempts())).read("usage.json", UsageRecord.class).orElse(UsageRecord.NONE)
                    : UsageRecord.NONE;
            // lists of their own, so that an expectation may sort one as Groovy does (in place)
            tasks.put(t.name(), new Task(t.name(), t.outcome(), t.reason(), t.attempts(), t.engine(),
                    new ArrayList<>(t.changed().stream().map(RunData.ChangedFile::path).filter(p -> p != null).toList()),
                    violations, new ArrayList<>(t.steps()),
                    t.review() == null ? null : t.review().record().verdict(), t.entry().spend(),
                    text(tl.attempt(Math.max(1, t.attempts())).promptFile()), said(tl, t.attempts()), usage, t.dir()));
        }
        return new Results(new Run(data.runId(), exitCode, record.spend().total(), new ArrayList<>(tasks.keySet()),
                data.ledger()), tasks);
    }

    private static String text(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The agent messages of every attempt, in order. */
    private static List<String> said(TaskLedger tl, int attempts) {
        List<String> out = new ArrayList<>();
        for (int a = 1; a <= Math.max(1, attempts); a++) {
            Path events = tl.attempt(a).dir().resolve("events.jsonl");
            if (!Files.isRegularFile(events)) {
                continue;
            }
            try {
                int n = 0;
                for (String line : Files.readAllLines(events, StandardCharsets.UTF_8)) {
                    n++;
                    if (line.isBlank()) {
                        continue;
                    }
                    Event e = LedgerCodec.parse(events + " line " + n, line, Event.class);
                    if (e.type().equals("agent.message") && e.text("text") != null) {
                        out.add(e.text("text"));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }
}
