package dev.wtcraft.engine;

import dev.wtcraft.process.StepRunner;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The built-in engine: a command line run with `bash -c` in the worktree. The prompt is in a file
 * ($WTCRAFT_PROMPT_FILE), and in the environment ($WTCRAFT_PROMPT) when it is small enough to be a variable;
 * stdout and stderr go line by line into the ledger. Its last lines of stdout are its final message (a reviewer's
 * verdict, say).
 */
public final class ShellEngine implements Engine {
    /** How many of stdout's last lines make the final message. */
    static final int FINAL_MESSAGE_LINES = 200;
    /** The largest prompt $WTCRAFT_PROMPT carries: the kernel refuses a variable over 128 KiB (E2BIG). */
    static final int PROMPT_VARIABLE_BYTES = 64 * 1024;

    private final String command;
    private final BooleanSupplier interrupted;

    /** @param interrupted whether the run is being stopped (an engine killed then counts as interrupted) */
    public ShellEngine(String command, BooleanSupplier interrupted) {
        this.command = command;
        this.interrupted = interrupted;
    }

    @Override
    public String describe() {
        return command;
    }

    @Override
    public EngineResult run(EngineRun run) {
        Map<String, String> env = run.boundary().baseEnv();
        env.putAll(run.env());
        int promptBytes = run.prompt().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        boolean inVariable = promptBytes <= PROMPT_VARIABLE_BYTES;
        if (inVariable) {
            env.put("WTCRAFT_PROMPT", run.prompt());
        } else {
            env.remove("WTCRAFT_PROMPT");
        }
        env.put("WTCRAFT_PROMPT_FILE", run.promptFile().toString());
        List<String> argv = List.of("bash", "-c", command);
        Map<String, Object> started = new java.util.LinkedHashMap<>();
        started.put("engine", "shell");
        started.put("command", command);
        started.put("argv", argv);
        started.put("prompt", inVariable ? "$WTCRAFT_PROMPT and $WTCRAFT_PROMPT_FILE"
                : "$WTCRAFT_PROMPT_FILE only: " + promptBytes + " bytes is too large for a variable");
        run.events().append("engine.started", started);
        StepRunner.Outcome o;
        java.util.ArrayDeque<String> tail = new java.util.ArrayDeque<>();
        try (OutputStream out = run.events().lines("stdout", Map.of(), line -> keep(tail, line));
             OutputStream err = run.events().lines("stderr", Map.of())) {
            o = StepRunner.run(run.worktree(), run.boundary().confine(argv, env), out, err, run.gates().timeout(), env,
                    run.onStart());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (java.io.UncheckedIOException | IllegalStateException e) {
            String reason = "could not start bash: " + Classifier.startFailure(e);
            run.events().append("engine.exited", Map.of("outcome", "failed", "reason", reason));
            return new EngineResult(EngineOutcome.FAILED, -1, reason, java.time.Duration.ZERO, null, Map.of(), null, argv);
        }
        EngineResult result = classify(o, String.join("\n", tail), argv);
        Map<String, Object> exited = new java.util.LinkedHashMap<>();
        exited.put("exit_code", result.exitCode());
        exited.put("outcome", result.outcome().name().toLowerCase(java.util.Locale.ROOT));
        exited.put("reason", result.reason());
        exited.put("duration_seconds", o.duration().toMillis() / 1000.0);
        run.events().append("engine.exited", exited);
        return result;
    }

    /** The last lines of stdout stand for the final message a shell engine has no other way to give. */
    private static void keep(java.util.ArrayDeque<String> tail, String line) {
        synchronized (tail) {
            tail.addLast(line);
            if (tail.size() > FINAL_MESSAGE_LINES) {
                tail.removeFirst();
            }
        }
    }

    private EngineResult classify(StepRunner.Outcome o, String lastLines, List<String> argv) {
        Classifier.Verdict v = Classifier.classify(null, o.exitCode(), o.timedOut(), interrupted.getAsBoolean(),
                o.duration(), java.util.List.of());
        return new EngineResult(v.outcome(), o.exitCode(), v.reason(), o.duration(),
                lastLines.isBlank() ? null : lastLines, Map.of(), null, argv);
    }

}
