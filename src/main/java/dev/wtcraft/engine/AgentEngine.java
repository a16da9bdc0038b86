package dev.wtcraft.engine;

import dev.wtcraft.model.EngineKind;
import dev.wtcraft.model.EngineSpec;
import dev.wtcraft.process.StepRunner;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Runs one agent CLI headlessly in the worktree: its stdout line by line through the CLI's parser into the
 * ledger (each normalized event next to the original line), its stderr into the ledger too, and the outcome
 * classified from exit code and stream. Everything engine-neutral (check, verify, retries) stays outside.
 */
public final class AgentEngine implements Engine {
    private final EngineSpec spec;
    private final AgentCli cli;
    private final BooleanSupplier interrupted;
    private final PriceTable prices;

    public AgentEngine(EngineSpec spec, BooleanSupplier interrupted, PriceTable prices) {
        this.spec = spec;
        this.cli = cliFor(spec.kind());
        this.interrupted = interrupted;
        this.prices = prices;
    }

    static AgentCli cliFor(EngineKind kind) {
        return switch (kind) {
            case CODEX -> new CodexCli();
            case CLAUDE -> new ClaudeCli();
            case GEMINI -> new GeminiCli();
            case SHELL, REPLAY -> throw new IllegalArgumentException(kind + " is not an agent CLI");
        };
    }

    public boolean canResume() {
        return cli.canResume();
    }

    @Override
    public String describe() {
        return (spec.binary() == null ? cli.defaultBinary() : spec.binary()) + " (" + spec.kind().wire()
                + (spec.model() == null ? "" : ", model " + spec.model()) + ")";
    }

    /** The prompt an agent gets: the task's, and where its contract is. */
    public static String agentPrompt(String prompt) {
        return prompt + (prompt.isBlank() ? "" : "\n\n")
                + "Your task contract is .worktree-task.md in the root of this worktree: read it first. Change only "
                + "files its Scope allows and nothing it lists as Off-limits, and make its Verification commands pass. "
                + "wtcraft checks the real changes and runs the verification after you finish.";
    }

    @Override
    public EngineResult run(EngineRun run) {
        List<String> argv = new ArrayList<>();
        argv.add(spec.binary() == null ? cli.defaultBinary() : spec.binary());
        argv.addAll(cli.arguments(spec, run, agentPrompt(run.prompt())));
        Map<String, String> env = run.boundary().baseEnv();
        env.putAll(cli.environment(run));
        env.putAll(spec.env());
        env.putAll(run.env());
        Map<String, Object> started = new LinkedHashMap<>();
        started.put("engine", spec.name());
        started.put("kind", spec.kind().wire());
        started.put("argv", redactPrompt(argv, run));
        started.put("resume", run.resumeSession());
        started.put("attempt", run.attempt());
        run.events().append("engine.started", started);
        StreamParser parser = cli.parser();
        Deque<String> lastStderr = new ArrayDeque<>();
        StepRunner.Outcome o;
        // a resumed Codex thread reports its running total: this run's own share is what budgets and the ledger see
        boolean cumulative = run.resumeSession() != null && cli.resumedUsageIsCumulative() && run.resumeUsage() != null;
        java.util.function.UnaryOperator<Usage> own = u -> cumulative ? u.minus(run.resumeUsage()) : u;
        Runnable usageSoFar = () -> {
            if (run.onUsage() != null) {
                Usage u = own.apply(parser.summary().usage());
                run.onUsage().accept(u, prices.estimate(spec.kind(),
                        parser.summary().model() != null ? parser.summary().model() : spec.model(), u));
            }
        };
        try (OutputStream out = NormalizedLines.stream(run.events(), parser, usageSoFar);
             OutputStream err = run.events().lines("stderr", Map.of(), line -> {
                 synchronized (lastStderr) {
                     if (!line.isBlank()) {
                         lastStderr.addLast(line);
                         if (lastStderr.size() > 20) {
                             lastStderr.removeFirst();
                         }
                     }
                 }
             })) {
            o = StepRunner.run(run.worktree(), run.boundary().confine(argv, env), out, err, run.timeout(), env, run.onStart());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (UncheckedIOException | IllegalStateException e) {
            run.events().append("engine.exited", Map.of("outcome", "failed", "reason", "could not start: " + e.getMessage()));
            return new EngineResult(EngineOutcome.FAILED, -1, "could not start " + argv.get(0) + ": " + e.getMessage(),
                    java.time.Duration.ZERO, null, Map.of());
        }
        StreamSummary summary = parser.summary();
        List<String> stderrTail;
        synchronized (lastStderr) {
            stderrTail = List.copyOf(lastStderr);
        }
        Classifier.Verdict v = Classifier.classify(summary, o.exitCode(), o.timedOut(), interrupted.getAsBoolean(),
                o.duration(), stderrTail);
        Map<String, Object> session = Map.of("session_input_tokens", summary.usage().inputTokens(),
                "session_cached_input_tokens", summary.usage().cachedInputTokens(),
                "session_output_tokens", summary.usage().outputTokens(),
                "session_reasoning_output_tokens", summary.usage().reasoningTokens());
        Map<String, Object> usage = EngineRecords.usage(spec.name(), spec.kind().wire(), spec.kind(), spec.model(),
                summary, own.apply(summary.usage()), prices);
        if (cli.resumedUsageIsCumulative()) {
            usage.putAll(session);
        }
        run.events().append("engine.exited", EngineRecords.exited(o.exitCode(), v, o.duration(), summary));
        return new EngineResult(v.outcome(), o.exitCode(), v.reason(), o.duration(), summary.lastMessage(), usage,
                summary.sessionId());
    }

    /** The prompt is in prompt.md already; the argv in the ledger names it instead of repeating it. */
    private static List<String> redactPrompt(List<String> argv, EngineRun run) {
        List<String> out = new ArrayList<>();
        for (String a : argv) {
            out.add(a.length() > 200 && a.contains(run.prompt().strip()) ? "<prompt: prompt.md>" : a);
        }
        return out;
    }
}
