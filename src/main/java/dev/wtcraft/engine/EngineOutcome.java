package dev.wtcraft.engine;

/** How an engine run ended, whatever the engine. */
public enum EngineOutcome {
    /** Exited 0. */
    SUCCEEDED,
    /** Exited non-zero on its own. */
    FAILED,
    /** Killed by a signal that wtcraft did not send. */
    KILLED,
    /** Ran past its timeout; wtcraft killed its process group. */
    TIMED_OUT,
    /** The run was interrupted (Ctrl-C); wtcraft killed its process group. */
    INTERRUPTED
}
