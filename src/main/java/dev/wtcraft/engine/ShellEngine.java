package dev.wtcraft.engine;

import dev.wtcraft.process.StepRunner;

import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The built-in engine: a command line run with `bash -c` in the worktree. The prompt is in the environment
 * ($WTCRAFT_PROMPT) and in a file ($WTCRAFT_PROMPT_FILE); stdout and stderr go line by line into the ledger.
 * Its last lines of stdout are its final message (a reviewer's verdict, say).
 */
public final class ShellEngine implements Engine {
    /** How many of stdout's last lines make the final message. */
    static final int FINAL_MESSAGE_LINES = 200;

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
        env.put("WTCRAFT_PROMPT", run.prompt());
        env.put("WTCRAFT_PROMPT_FILE", run.promptFile().toString());
        run.events().append("engine.started", Map.of("engine", "shell", "command", command));
        StepRunner.Outcome o;
        java.util.ArrayDeque<String> tail = new java.util.ArrayDeque<>();
        try (OutputStream out = run.events().lines("stdout", Map.of(), line -> keep(tail, line));
             OutputStream err = run.events().lines("stderr", Map.of())) {
            o = StepRunner.run(run.worktree(), run.boundary().confine(List.of("bash", "-c", command), env), out, err, run.timeout(), env,
                    run.onStart());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        EngineResult result = classify(o, String.join("\n", tail));
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

    private EngineResult classify(StepRunner.Outcome o, String lastLines) {
        Classifier.Verdict v = Classifier.classify(null, o.exitCode(), o.timedOut(), interrupted.getAsBoolean(),
                o.duration(), java.util.List.of());
        return new EngineResult(v.outcome(), o.exitCode(), v.reason(), o.duration(),
                lastLines.isBlank() ? null : lastLines, Map.of(), null);
    }

}
