package dev.wtcraft.engine;

/** Launches one agent CLI (or a command) headlessly in a task's worktree and reads its output into events. */
public interface Engine {
    /** The command line, for the plan and the ledger. */
    String describe();

    /** Runs to completion, timeout or interruption; never throws for the engine's own failure. */
    EngineResult run(EngineRun run);
}
