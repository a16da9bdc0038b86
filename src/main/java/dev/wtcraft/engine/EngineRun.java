package dev.wtcraft.engine;

import dev.wtcraft.ledger.EventLog;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One engine invocation: where, with what prompt, for how long, and where its events go.
 *
 * @param env           variables added to the engine's environment
 * @param timeout       null for no limit
 * @param onStart       told of the engine's process once it runs (for Ctrl-C)
 * @param ledgerDir     the attempt's ledger directory (last-message.md goes there)
 * @param boundary      the contract's Scope and Off-limits, to hand the CLI in its own terms
 * @param resumeSession the session to continue (a retry), or null for a fresh one
 * @param attempt       1 for the first run of a task
 * @param resumeUsage   the usage.json of the attempt being resumed (for CLIs that report running totals)
 * @param onUsage       told of the usage so far each time the stream reports some (budgets are kept outside)
 */
public record EngineRun(Path worktree, String prompt, Path promptFile, Map<String, String> env, Duration timeout,
                        EventLog events, Consumer<Process> onStart, Path ledgerDir, Boundary boundary,
                        String resumeSession, int attempt, Map<String, Object> resumeUsage,
                        java.util.function.BiConsumer<Usage, Map<String, Object>> onUsage) {

    /** What the task may and may not touch, and how much the agent may do. */
    public record Boundary(List<String> scope, List<String> offLimits, boolean readOnly) {
        public static Boundary none() {
            return new Boundary(List.of(), List.of(), false);
        }
    }
}
