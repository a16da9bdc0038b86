package dev.wtcraft.ledger;

import dev.wtcraft.engine.EngineOutcome;

import java.time.Instant;
import java.util.List;

/**
 * `meta.json` of a task's attempt: what ran where, and how it ended.
 *
 * @param command       the engine as described for people (its command line, prompt elided), or null
 * @param worktree      the task's worktree, or null when none was made
 * @param baseCommit    the commit the worktree started from
 * @param exitCode      the engine's exit code, or null when no engine ran
 * @param engineOutcome how the engine ended, or null when none ran
 * @param sessionId     the agent CLI's session, or null
 * @param argv          the command line the engine was started with, as run (its prompt is never in it: it goes on
 *                      stdin or in a file); empty when no engine ran
 */
public record TaskMeta(int schemaVersion, String task, String engine, String command, String worktree, String branch,
                       String baseCommit, Instant startedAt, Instant finishedAt, Integer exitCode, int attempt,
                       TaskOutcome outcome, List<String> dependsOn, EngineOutcome engineOutcome, String sessionId,
                       List<String> argv)
        implements LedgerDocument {
    public TaskMeta {
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
        argv = argv == null ? List.of() : List.copyOf(argv);
    }
}
