package dev.wtcraft.engine;

import dev.wtcraft.model.EngineSpec;
import dev.wtcraft.process.StepRunner;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * A scripted agent for `wtcraft test`: it really writes and deletes its files in the task's worktree, runs its
 * commands there as the shell engine does (the same boundary, sandbox and process group), says its messages as
 * agent message events, reports its token usage, and exits with the script's code. Check, verify and review then
 * judge real changes, and no model is involved.
 */
public final class FakeEngine implements Engine {
    /** What a scripted engine does, in order. */
    public sealed interface Action {
    }

    /** Writes {@code text} to {@code path} (relative to the worktree), creating its directories. */
    public record Edit(String path, String text) implements Action {
    }

    /** Deletes {@code path} (relative to the worktree). */
    public record Delete(String path) implements Action {
    }

    /** Runs {@code command} with `bash -c` in the worktree; its exit code is recorded, the script goes on. */
    public record Run(String command) implements Action {
    }

    /** An agent message; the last one is the engine's final message (a reviewer's verdict, say). */
    public record Say(String text) implements Action {
    }

    /** Token usage reported at this point of the script; {@code usd} is the cost to record, or null for none. */
    public record Spend(long input, long output, Double usd) implements Action {
    }

    /** One run's actions and the exit code it ends with. */
    public record Script(List<Action> actions, int exitCode) {
        public Script {
            actions = List.copyOf(actions);
        }
    }

    /** What a test's fake engines do. */
    public interface Scripts {
        /** The script for an engine of a task's attempt (or of its review); null when none was written. */
        Script find(String engine, String task, int attempt, boolean review);

        /** The engine the recipe declared under this name, which runs where no script was written; or null. */
        EngineSpec declared(String engine);
    }

    private final EngineSpec spec;
    private final Scripts scripts;
    private final BooleanSupplier interrupted;
    private final Engine declared;

    /** @param declared the recipe's own engine of that name, for the tasks the test wrote no script for; or null */
    public FakeEngine(EngineSpec spec, Scripts scripts, BooleanSupplier interrupted, Engine declared) {
        this.spec = spec;
        this.scripts = scripts;
        this.interrupted = interrupted;
        this.declared = declared;
    }

    @Override
    public String describe() {
        return "fake engine '" + spec.name() + "' (scripted by a test)";
    }

    @Override
    public EngineResult run(EngineRun run) {
        String task = run.env().getOrDefault("WTCRAFT_TASK", "");
        int attempt = Integer.parseInt(run.env().getOrDefault("WTCRAFT_ATTEMPT", "1"));
        boolean review = run.env().containsKey("WTCRAFT_REVIEW");
        Script script = scripts == null ? null : scripts.find(spec.name(), task, attempt, review);
        if (script == null && declared != null) {
            return declared.run(run);
        }
        run.events().append("engine.started", Map.of("engine", spec.name(), "kind", "fake"));
        long start = System.nanoTime();
        if (script == null) {
            String reason = "the test gave fake engine '" + spec.name() + "' no script for task '" + task + "'";
            run.events().append("engine.exited", Map.of("outcome", "failed", "reason", reason));
            return new EngineResult(EngineOutcome.FAILED, -1, reason, Duration.ZERO, null, Map.of());
        }
        Usage usage = new Usage();
        Double usd = null;
        String said = null;
        int turn = 0;
        for (Action action : script.actions()) {
            if (interrupted.getAsBoolean()) {
                break;
            }
            if (action instanceof Edit e) {
                edit(run, e);
            } else if (action instanceof Delete d) {
                delete(run, d);
            } else if (action instanceof Run r) {
                command(run, r.command());
            } else if (action instanceof Say s) {
                said = s.text();
                run.events().append("agent.message", Map.of("role", "assistant", "text", s.text()));
            } else if (action instanceof Spend s) {
                turn++;
                usage.report("turn-" + turn, null, s.input(), 0, 0, s.output(), 0);
                if (s.usd() != null) {
                    usd = (usd == null ? 0.0 : usd) + s.usd();
                }
                run.events().append("agent.usage", new LinkedHashMap<>(usage.snapshot()));
                if (run.gates().onUsage() != null) {
                    run.gates().onUsage().accept(usage, cost(usd));
                }
            }
        }
        Duration duration = Duration.ofNanos(System.nanoTime() - start);
        Classifier.Verdict v = Classifier.classify(null, script.exitCode(), false, interrupted.getAsBoolean(), duration,
                List.of());
        Map<String, Object> exited = new LinkedHashMap<>();
        exited.put("exit_code", script.exitCode());
        exited.put("outcome", v.outcome().wire());
        exited.put("reason", v.reason());
        exited.put("duration_seconds", duration.toMillis() / 1000.0);
        run.events().append("engine.exited", exited);
        Map<String, Object> doc = Map.of();
        if (turn > 0) {
            doc = new LinkedHashMap<>();
            doc.put("engine", spec.name());
            doc.put("kind", "fake");
            doc.putAll(usage.toDocument());
            doc.put("cost", cost(usd));
            doc.put("unparsed_lines", 0);
        }
        return new EngineResult(v.outcome(), script.exitCode(), v.reason(), duration, said, doc);
    }

    private static Map<String, Object> cost(Double usd) {
        Map<String, Object> cost = new LinkedHashMap<>();
        cost.put("estimate_usd", usd == null ? 0.0 : usd);
        cost.put("basis", "as the test script reported it");
        cost.put("unpriced_models", List.of());
        return cost;
    }

    private static Path inside(EngineRun run, String path) {
        Path root = run.worktree().toAbsolutePath().normalize();
        Path file = root.resolve(path).normalize();
        if (!file.startsWith(root) || file.equals(root)) {
            throw new IllegalArgumentException("'" + path + "' is not a file inside the worktree");
        }
        return file;
    }

    private static void edit(EngineRun run, Edit e) {
        try {
            Path file = inside(run, e.path());
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.text(), StandardCharsets.UTF_8);
            run.events().append("agent.file_change", Map.of("path", e.path(), "change", "edit"));
        } catch (IOException | IllegalArgumentException ex) {
            run.events().append("agent.error", Map.of("message", "cannot write " + e.path() + ": " + ex.getMessage()));
        }
    }

    private static void delete(EngineRun run, Delete d) {
        try {
            Files.deleteIfExists(inside(run, d.path()));
            run.events().append("agent.file_change", Map.of("path", d.path(), "change", "delete"));
        } catch (IOException | IllegalArgumentException ex) {
            run.events().append("agent.error", Map.of("message", "cannot delete " + d.path() + ": " + ex.getMessage()));
        }
    }

    /** A command as the shell engine runs one: its boundary's environment and sandbox, output into the ledger. */
    private static void command(EngineRun run, String command) {
        Map<String, String> env = run.boundary().baseEnv();
        env.putAll(run.env());
        List<String> argv = List.of("bash", "-c", command);
        run.events().append("agent.command", Map.of("command", command));
        try (OutputStream out = run.events().lines("stdout", Map.of());
             OutputStream err = run.events().lines("stderr", Map.of())) {
            StepRunner.Outcome o = StepRunner.run(run.worktree(), run.boundary().confine(argv, env), out, err,
                    run.gates().timeout(), env, run.onStart());
            run.events().append("agent.command_exited", Map.of("command", command, "exit_code", o.exitCode()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (UncheckedIOException | IllegalStateException e) {
            run.events().append("agent.error", Map.of("message", "could not start bash: " + Classifier.startFailure(e)));
        }
    }
}
