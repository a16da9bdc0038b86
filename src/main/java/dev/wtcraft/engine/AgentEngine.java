package dev.wtcraft.engine;

import dev.wtcraft.ledger.EventLog;
import dev.wtcraft.model.EngineKind;
import dev.wtcraft.model.EngineSpec;
import dev.wtcraft.process.StepRunner;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Runs one agent CLI headlessly in the worktree, the prompt on its stdin: its stdout line by line through the
 * CLI's parser into the ledger (each normalized event next to the original line), its stderr and the usage its
 * session file records into the ledger too, the gates it has no setting for kept while it runs, and the outcome
 * classified from exit code and stream. Everything engine-neutral (check, verify, retries) stays outside.
 */
public final class AgentEngine implements Engine {
    private static final Duration SESSION_POLL = Duration.ofMillis(200);

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
            case SHELL, REPLAY, FAKE -> throw new IllegalArgumentException(kind + " is not an agent CLI");
        };
    }

    public boolean canResume() {
        return cli.canResume();
    }

    @Override
    public String describe() {
        return binary() + " (" + spec.kind().wire() + (spec.model() == null ? "" : ", model " + spec.model()) + ")";
    }

    private String binary() {
        return spec.binary() == null ? cli.defaultBinary() : spec.binary();
    }

    /** The prompt an agent gets: the task's, and where its contract is. */
    public static String agentPrompt(String prompt) {
        return prompt + (prompt.isBlank() ? "" : "\n\n")
                + "Your task contract is .worktree-task.md in the root of this worktree: read it first. Change only "
                + "files its Scope allows and nothing it lists as Off-limits, and make its Verification commands pass. "
                + "wtcraft checks the real changes and runs the verification after you finish.";
    }

    /** The CLI's command line for this run, as it is started (the prompt is on stdin, never in it). */
    List<String> argv(EngineRun run, Map<String, String> env, EngineFiles files) {
        List<String> argv = new ArrayList<>();
        argv.add(binary());
        argv.addAll(cli.arguments(new AgentCli.Launch(spec, run, env, files)));
        return argv;
    }

    /** The CLI's environment: the boundary's, the CLI's own defaults, then the recipe's and the run's on top. */
    Map<String, String> environment(EngineRun run, EngineFiles files) {
        Map<String, String> given = run.boundary().baseEnv();
        given.putAll(spec.env());
        given.putAll(run.env());
        AgentCli.Launch launch = new AgentCli.Launch(spec, run, given, files);
        Map<String, String> env = run.boundary().baseEnv();
        env.putAll(cli.environment(launch));
        env.putAll(spec.env());
        env.putAll(run.env());
        env.putAll(cli.mergedEnvironment(launch));
        return env;
    }

    @Override
    public EngineResult run(EngineRun run) {
        try (EngineFiles files = EngineFiles.create()) {
            return run(run, files);
        } catch (UncheckedIOException e) {
            String reason = "could not start " + binary() + ": " + Classifier.startFailure(e);
            run.events().append("engine.exited", Map.of("outcome", "failed", "reason", reason));
            return new EngineResult(EngineOutcome.FAILED, -1, reason, Duration.ZERO, null, Map.of());
        }
    }

    private EngineResult run(EngineRun run, EngineFiles files) {
        Map<String, String> env = environment(run, files);
        List<String> argv = argv(run, env, files);
        java.nio.file.Path stdin = files.write("prompt.md", agentPrompt(run.prompt()));
        Map<String, Object> started = new LinkedHashMap<>();
        started.put("engine", spec.name());
        started.put("kind", spec.kind().wire());
        started.put("argv", argv);
        started.put("stdin", "the prompt (prompt.md, with the pointer to the contract)");
        started.put("resume", run.resume().session());
        started.put("attempt", run.resume().attempt());
        run.events().append("engine.started", started);
        StreamParser parser = cli.parser(run);
        java.nio.file.Path resumed = run.resume().session() == null ? null : cli.sessionFile(env, run.resume().session());
        SessionLog session = new SessionLog(() -> parser.summary().sessionId() == null ? null
                : cli.sessionFile(env, parser.summary().sessionId()), resumed);
        AgentCli.Launch launch = new AgentCli.Launch(spec, run, env, files);
        Integer streamLimit = cli.turnLimit() == AgentCli.TurnLimit.STREAM ? spec.maxTurns() : null;
        LiveRun live = new LiveRun(spec.kind().wire(), parser, run.events(), session, () -> usageSoFar(run, parser),
                streamLimit, cli.retriesBounded(launch), run.gates().timeout());
        Deque<String> lastStderr = new ArrayDeque<>();
        StepRunner.Outcome o;
        try (AutoCloseable poll = live.poll(SESSION_POLL);
             OutputStream out = run.events().batched(EventLog.lineStream(live::stdout));
             OutputStream err = run.events().lines("stderr", Map.of(), line -> {
                 keep(lastStderr, line);
                 live.stderr(line);
             })) {
            o = StepRunner.run(run.worktree(), withStdin(run.boundary().confine(argv, env), stdin), out, err,
                    run.gates().timeout(), env, p -> {
                        live.attach(p);
                        run.onStart().accept(p);
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (UncheckedIOException | IllegalStateException e) {
            String reason = "could not start " + argv.get(0) + ": " + Classifier.startFailure(e);
            run.events().append("engine.exited", Map.of("outcome", "failed", "reason", reason));
            return new EngineResult(EngineOutcome.FAILED, -1, reason, Duration.ZERO, null, Map.of(), null, argv);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        live.drainSession(); // what it recorded before it ended counts, however it ended
        StreamSummary summary = parser.summary();
        List<String> stderrTail;
        synchronized (lastStderr) {
            stderrTail = List.copyOf(lastStderr);
        }
        boolean stopped = live.stop() != null && !interrupted.getAsBoolean();
        Classifier.Verdict v = stopped ? new Classifier.Verdict(live.stop().outcome(), live.stop().reason())
                : Classifier.classify(summary, o.exitCode(), o.timedOut(), interrupted.getAsBoolean(), o.duration(),
                stderrTail);
        Map<String, Object> usage = EngineRecords.usage(spec.name(), spec.kind().wire(), spec.kind(), spec.model(),
                summary, summary.usage(), prices);
        if (summary.sessionTotals != null) {
            usage.putAll(summary.sessionTotals);
        }
        run.events().append("engine.exited", EngineRecords.exited(o.exitCode(), v, o.duration(), summary));
        return new EngineResult(v.outcome(), o.exitCode(), v.reason(), o.duration(), summary.lastMessage(), usage,
                summary.sessionId(), argv);
    }

    private void usageSoFar(EngineRun run, StreamParser parser) {
        if (run.gates().onUsage() != null) {
            Usage u = parser.summary().usage();
            run.gates().onUsage().accept(u, prices.estimate(spec.kind(),
                    parser.summary().model() != null ? parser.summary().model() : spec.model(), u));
        }
    }

    /**
     * The started command with the prompt file as its stdin. The redirection is the shell's, outside any sandbox,
     * so the file need not be visible inside; a prompt of any size gets there (an argument or a variable stops at
     * 128 KiB).
     */
    static List<String> withStdin(List<String> command, java.nio.file.Path file) {
        List<String> out = new ArrayList<>(List.of("sh", "-c", "exec \"$@\" < \"$0\"", file.toString()));
        out.addAll(command);
        return out;
    }

    private static void keep(Deque<String> tail, String line) {
        synchronized (tail) {
            if (!line.isBlank()) {
                tail.addLast(line);
                if (tail.size() > 20) {
                    tail.removeFirst();
                }
            }
        }
    }
}
