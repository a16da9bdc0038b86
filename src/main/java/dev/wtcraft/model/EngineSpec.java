package dev.wtcraft.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * An engine a task can name: the built-in shell (a command line) or an agent CLI with its settings.
 *
 * @param command  the shell engine's command line; null for agent CLIs
 * @param binary   an agent CLI's executable, or null for the default on PATH
 * @param timeout  how long one engine run may take, or null for the task's or no limit
 * @param replay   for a replay engine, what it plays back; null otherwise
 */
public record EngineSpec(String name, EngineKind kind, String command, String binary, String model,
                         List<String> args, Map<String, String> env, Duration timeout, Integer maxTurns,
                         Replay replay, SourceLocation location) {
    public EngineSpec {
        args = List.copyOf(args);
        env = Map.copyOf(env);
    }

    /** A replay engine's recording: which CLI's stream it is, and the exit code to report. */
    public record Replay(java.nio.file.Path recording, EngineKind as, int exitCode) {
    }
}
