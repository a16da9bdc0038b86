package dev.wtcraft.trace;

import dev.wtcraft.WtcraftException;
import dev.wtcraft.ledger.Event;
import dev.wtcraft.ledger.LedgerCodec;
import dev.wtcraft.ledger.Redaction;
import dev.wtcraft.ledger.ReviewRecord;
import dev.wtcraft.ledger.RunRecord;
import dev.wtcraft.ledger.TaskLedger;
import dev.wtcraft.ledger.TaskMeta;
import dev.wtcraft.ledger.TaskOutcome;
import dev.wtcraft.ledger.UsageRecord;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A run's ledger directory read as spans, following the OpenTelemetry GenAI conventions: the run is an
 * {@code invoke_workflow} span, each task attempt an {@code invoke_agent} span under it, and the engine, the check,
 * each verification step and the review spans under the attempt. Reads nothing but the ledger, so a run collected
 * from CI (or from several machines) reads the same.
 */
final class LedgerSpans {
    private final String runId;
    private final List<TraceSpan> spans = new ArrayList<>();

    private LedgerSpans(String runId) {
        this.runId = runId;
    }

    /** A run's spans, the root span first. */
    record Trace(String runId, String traceId, List<TraceSpan> spans) {
    }

    /** The spans of the run whose ledger is {@code dir} (holding run.json). */
    static Trace read(Path dir) {
        RunRecord run = LedgerCodec.read(dir.resolve("run.json"), RunRecord.class);
        LedgerSpans out = new LedgerSpans(run.runId());
        out.run(dir, run);
        return new Trace(run.runId(), TraceIds.traceId(run.runId()), List.copyOf(out.spans));
    }

    private void run(Path dir, RunRecord run) {
        spans.add(null);                                  // the root, once its children's times are known
        Instant end = run.finishedAt();
        Instant last = run.startedAt();
        for (Map.Entry<String, RunRecord.Task> e : run.tasks().entrySet()) {
            Path taskDir = dir.resolve("tasks").resolve(e.getKey());
            if (Files.isDirectory(taskDir)) {
                Instant taskEnd = task(e.getKey(), e.getValue(), TaskLedger.at(taskDir));
                last = taskEnd != null && taskEnd.isAfter(last) ? taskEnd : last;
            }
        }
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("gen_ai.operation.name", "invoke_workflow");
        a.put("gen_ai.workflow.name", text(run.recipe()));
        a.put("wtcraft.run.id", run.runId());
        put(a, "wtcraft.recipe.sha256", run.recipeSha256());
        put(a, "wtcraft.base_commit", run.baseCommit());
        if (run.exitCode() != null) {
            a.put("wtcraft.exit_code", (long) run.exitCode());
        }
        a.put("wtcraft.tasks", (long) run.tasks().size());
        spend(a, run.spend() == null ? dev.wtcraft.ledger.Spend.NONE : run.spend().total());
        boolean failed = run.exitCode() != null && run.exitCode() != 0;
        spans.set(0, new TraceSpan(TraceIds.runSpanId(runId), null, "invoke_workflow " + text(run.recipe()),
                run.startedAt(), end != null ? end : last, a, failed,
                failed ? "exit " + run.exitCode() : null));
    }

    /** The task's attempts; returns its last timestamp. */
    private Instant task(String name, RunRecord.Task entry, TaskLedger ledger) {
        TaskMeta meta = ledger.read("meta.json", TaskMeta.class).orElse(null);
        Instant last = null;
        for (int n = 1; n <= Math.max(1, entry.attempts()); n++) {
            TaskLedger attempt = ledger.attempt(n);
            Path events = attempt.dir().resolve("events.jsonl");
            if (Files.isRegularFile(events)) {
                Instant end = attempt(name, n, n == Math.max(1, entry.attempts()) ? entry : null, meta, attempt,
                        events(events));
                last = end != null ? end : last;
            }
        }
        return last;
    }

    private Instant attempt(String task, int n, RunRecord.Task lastEntry, TaskMeta meta, TaskLedger ledger,
                            List<Event> events) {
        if (events.isEmpty()) {
            return null;
        }
        String id = TraceIds.attemptSpanId(runId, task, n);
        Instant start = events.get(0).ts();
        Instant end = events.get(events.size() - 1).ts();
        String outcome = null;
        String reason = null;
        String engine = meta == null ? null : meta.engine();
        String kind = null;
        Event engineStarted = null;
        Instant verifyFrom = null;
        Event reviewStarted = null;
        for (Event e : events) {
            switch (e.type()) {
                case "attempt.finished" -> {
                    outcome = e.text("outcome");
                    reason = e.text("reason");
                    end = e.ts();
                }
                case "engine.started" -> {
                    engineStarted = e;
                    engine = engine != null ? engine : e.text("engine");   // the shell engine's event says "shell"
                    kind = "replay".equals(e.text("kind")) ? e.text("as") : e.text("kind");
                }
                case "engine.exited" -> {
                    engineSpan(task, n, id, engine, engineStarted, e);
                    engineStarted = null;
                }
                case "stage" -> verifyFrom = "verifying".equals(e.text("stage")) ? e.ts() : verifyFrom;
                case "check" -> checkSpan(task, n, id, verifyFrom != null ? verifyFrom : e.ts(), e);
                case "verify.step" -> {
                    Instant from = verifyStep(task, n, id, verifyFrom, e);
                    verifyFrom = e.ts().isAfter(from) ? e.ts() : from;
                }
                case "review.started" -> reviewStarted = e;
                case "review.verdict" -> {
                    reviewSpan(task, n, id, reviewStarted, e, ledger);
                    reviewStarted = null;
                }
                default -> { }
            }
        }
        if (outcome == null && lastEntry != null) {
            outcome = lastEntry.outcome().wire();
            reason = lastEntry.reason();
        }
        UsageRecord usage = ledger.read("usage.json", UsageRecord.class).orElse(UsageRecord.NONE);
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("gen_ai.operation.name", "invoke_agent");
        a.put("gen_ai.agent.name", task);
        a.put("gen_ai.agent.id", runId + "/" + task + "/" + n);
        put(a, "gen_ai.provider.name", provider(kind != null ? kind : usage.kind()));
        put(a, "gen_ai.request.model", usage.model());
        put(a, "gen_ai.conversation.id", usage.sessionId() != null ? usage.sessionId()
                : meta == null ? null : meta.sessionId());
        a.put("gen_ai.usage.input_tokens", usage.inputTokens());
        a.put("gen_ai.usage.output_tokens", usage.outputTokens());
        a.put("wtcraft.task", task);
        a.put("wtcraft.attempt", (long) n);
        put(a, "wtcraft.engine", engine);
        put(a, "wtcraft.outcome", outcome);
        put(a, "wtcraft.reason", reason);
        a.put("wtcraft.usage.cached_input_tokens", usage.cachedInputTokens());
        a.put("wtcraft.usage.reasoning_output_tokens", usage.reasoningOutputTokens());
        a.put("wtcraft.usage.turns", (long) usage.turns());
        spend(a, usage.spend());
        if (usage.cost() != null) {
            put(a, "wtcraft.spend.estimate_basis", usage.cost().basis());
            if (usage.cost().engineReportedUsd() != null) {
                a.put("wtcraft.spend.engine_reported_usd", usage.cost().engineReportedUsd());
            }
        }
        boolean failed = outcome != null && TaskOutcome.parse(outcome).map(o -> o != TaskOutcome.PASSED
                && o != TaskOutcome.SKIPPED && o != TaskOutcome.PENDING).orElse(false);
        spans.add(new TraceSpan(id, TraceIds.runSpanId(runId), "invoke_agent " + task, start, end, a, failed,
                failed ? text(outcome + (reason == null ? "" : ": " + reason)) : null));
        return end;
    }

    private void engineSpan(String task, int n, String parent, String engine, Event started, Event exited) {
        Map<String, Object> a = new LinkedHashMap<>();
        put(a, "wtcraft.engine", engine);
        put(a, "wtcraft.engine.kind", started == null ? null
                : started.text("kind") != null ? started.text("kind") : started.text("engine"));
        if (started != null && started.data().get("argv") instanceof List<?> argv) {
            a.put("process.command_line", text(String.join(" ", argv.stream().map(String::valueOf).toList())));
        } else if (started != null && started.text("command") != null) {
            a.put("process.command_line", text(started.text("command")));
        }
        if (exited.data().get("exit_code") instanceof Number code) {
            a.put("process.exit.code", code.longValue());
        }
        String outcome = exited.text("outcome");
        put(a, "wtcraft.outcome", outcome);
        put(a, "wtcraft.reason", text(exited.text("reason")));
        boolean failed = outcome != null && !"succeeded".equals(outcome);
        spans.add(new TraceSpan(TraceIds.stepSpanId(runId, task, n, "engine"), parent,
                "engine " + (engine == null ? "" : engine), started == null ? exited.ts() : started.ts(), exited.ts(),
                a, failed, failed ? text(exited.text("reason")) : null));
    }

    private void checkSpan(String task, int n, String parent, Instant from, Event check) {
        Map<String, Object> a = new LinkedHashMap<>();
        String result = check.text("result");
        put(a, "wtcraft.outcome", result);
        if (check.data().get("changed_files") instanceof Number c) {
            a.put("wtcraft.check.changed_files", c.longValue());
        }
        if (check.data().get("violations") instanceof Number v) {
            a.put("wtcraft.check.violations", v.longValue());
        }
        boolean failed = !"pass".equals(result);
        spans.add(new TraceSpan(TraceIds.stepSpanId(runId, task, n, "check"), parent, "check", from, check.ts(), a,
                failed, failed ? "violations: " + check.text("violations") : null));
    }

    /** One verification step; returns when it started. */
    private Instant verifyStep(String task, int n, String parent, Instant after, Event step) {
        Map<String, Object> a = new LinkedHashMap<>();
        String command = text(step.text("command"));
        long index = step.data().get("index") instanceof Number i ? i.longValue() : 0;
        long seconds = step.data().get("duration_seconds") instanceof Number d ? d.longValue() : 0;
        Instant from = step.ts().minusSeconds(seconds);
        from = after != null && from.isBefore(after) ? after : from;
        a.put("wtcraft.verify.index", index);
        put(a, "process.command_line", command);
        if (step.data().get("exit_code") instanceof Number code) {
            a.put("process.exit.code", code.longValue());
        }
        String status = step.text("status");
        put(a, "wtcraft.outcome", status);
        if (Boolean.TRUE.equals(step.data().get("timed_out"))) {
            a.put("wtcraft.verify.timed_out", true);
        }
        boolean failed = !"pass".equals(status);
        spans.add(new TraceSpan(TraceIds.stepSpanId(runId, task, n, "verify-" + index), parent, "verify " + command,
                from, step.ts(), a, failed, failed ? "exit " + step.text("exit_code") : null));
        return from;
    }

    private void reviewSpan(String task, int n, String parent, Event started, Event verdict, TaskLedger ledger) {
        Map<String, Object> a = new LinkedHashMap<>();
        String reviewer = verdict.text("reviewer") != null ? verdict.text("reviewer")
                : started == null ? null : started.text("reviewer");
        put(a, "wtcraft.reviewer", reviewer);
        String outcome = verdict.text("verdict");
        put(a, "wtcraft.outcome", outcome);
        put(a, "wtcraft.review.summary", text(verdict.text("summary")));
        ReviewRecord review = LedgerCodec.readIfPresent(ledger.dir().resolve("review").resolve("review.json"),
                ReviewRecord.class).orElse(null);
        if (review != null && review.spend() != null) {
            spend(a, review.spend());
        }
        boolean failed = !"approve".equals(outcome);
        spans.add(new TraceSpan(TraceIds.stepSpanId(runId, task, n, "review"), parent,
                "review " + (reviewer == null ? "" : reviewer), started == null ? verdict.ts() : started.ts(),
                verdict.ts(), a, failed, failed ? text(outcome) : null));
    }

    /** Spend as the ledger has it: tokens, and a USD figure that is an estimate from a price table, never a bill. */
    private static void spend(Map<String, Object> a, dev.wtcraft.ledger.Spend spend) {
        a.put("wtcraft.spend.tokens", spend.tokens());
        a.put("wtcraft.spend.estimated_usd", spend.estimatedUsd());
    }

    /** The GenAI convention's provider for an engine kind; null for the shell engine and any command. */
    static String provider(String kind) {
        if (kind == null) {
            return null;
        }
        return switch (kind.toLowerCase(Locale.ROOT)) {
            case "claude" -> "anthropic";
            case "codex" -> "openai";
            case "gemini" -> "gcp.gemini";
            default -> null;
        };
    }

    private static void put(Map<String, Object> a, String key, String value) {
        if (value != null) {
            a.put(key, text(value));
        }
    }

    /** The ledger is redacted when written; this keeps a secret registered since then out of the trace too. */
    private static String text(String value) {
        return value == null ? null : Redaction.apply(value);
    }

    /** The attempt's own events (the engine's lines, most of the file, are skipped before they are parsed). */
    private static List<Event> events(Path file) {
        List<Event> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int lineNo = 0;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lineNo++;
                if (!wanted(line)) {
                    continue;
                }
                Event e = LedgerCodec.parse(file + " line " + lineNo, line, Event.class);
                if (e.type().equals("task.landed")) {
                    break;                                // a later `finish` is not the attempt's time
                }
                out.add(e);
            }
        } catch (IOException e) {
            throw WtcraftException.fatal("unreadable ledger file " + file + ": " + e.getMessage());
        }
        return out;
    }

    private static boolean wanted(String line) {
        int at = line.indexOf("\"type\":\"");
        if (at < 0) {
            return false;
        }
        String rest = line.substring(at + 8, Math.min(line.length(), at + 40));
        return !(rest.startsWith("agent") || rest.startsWith("stdout") || rest.startsWith("stderr")
                || rest.startsWith("verify.stdout") || rest.startsWith("verify.stderr"));
    }
}
