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
 */
public final class ShellEngine implements Engine {
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
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putAll(run.env());
        env.put("WTCRAFT_PROMPT", run.prompt());
        env.put("WTCRAFT_PROMPT_FILE", run.promptFile().toString());
        run.events().append("engine.started", Map.of("engine", "shell", "command", command));
        StepRunner.Outcome o;
        try (OutputStream out = run.events().lines("stdout", Map.of());
             OutputStream err = run.events().lines("stderr", Map.of())) {
            o = StepRunner.run(run.worktree(), List.of("bash", "-c", command), out, err, run.timeout(), env,
                    run.onStart());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        EngineResult result = classify(o);
        Map<String, Object> exited = new java.util.LinkedHashMap<>();
        exited.put("exit_code", result.exitCode());
        exited.put("outcome", result.outcome().name().toLowerCase(java.util.Locale.ROOT));
        exited.put("reason", result.reason());
        exited.put("duration_seconds", o.duration().toMillis() / 1000.0);
        run.events().append("engine.exited", exited);
        return result;
    }

    private EngineResult classify(StepRunner.Outcome o) {
        Classifier.Verdict v = Classifier.classify(null, o.exitCode(), o.timedOut(), interrupted.getAsBoolean(),
                o.duration(), java.util.List.of());
        return new EngineResult(v.outcome(), o.exitCode(), v.reason(), o.duration(), null, Map.of(), null);
    }

}
