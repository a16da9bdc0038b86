package dev.wtcraft.engine;

import dev.wtcraft.ledger.EventLog;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One engine invocation: where, with what prompt, for how long, and where its events go.
 *
 * @param env      variables added to the engine's environment
 * @param timeout  null for no limit
 * @param onStart  told of the engine's process once it runs (for Ctrl-C)
 */
public record EngineRun(Path worktree, String prompt, Path promptFile, Map<String, String> env, Duration timeout,
                        EventLog events, Consumer<Process> onStart) {
}
