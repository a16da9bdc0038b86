package dev.wtcraft.engine;

/** How an engine run ended, whatever the engine. */
public enum EngineOutcome {
    /** Finished its work (exit 0, no error reported). */
    SUCCEEDED,
    /** Finished, but the CLI refused some of the agent's tool calls; the result is judged by check and verify. */
    PERMISSION_DENIED,
    /** The model API (or the CLI talking to it) reported an error. */
    API_ERROR,
    /** The agent reached its turn limit before finishing (the CLI's own limit, or wtcraft stopped it there). */
    MAX_TURNS,
    /** The CLI stopped at its own budget limit (Claude's --max-budget-usd, from what is left of the task's budget). */
    BUDGET,
    /** Exited non-zero without saying why in its stream: a crash, a bad flag, a bad config. */
    FAILED,
    /** Killed by a signal that wtcraft did not send. */
    KILLED,
    /** Ran past its timeout; wtcraft killed its process group. */
    TIMED_OUT,
    /** The run was interrupted (Ctrl-C); wtcraft killed its process group. */
    INTERRUPTED;

    /** Whether the task goes on to check and verify as if the engine had finished. */
    public boolean completed() {
        return switch (this) {
            case SUCCEEDED, PERMISSION_DENIED -> true;
            case API_ERROR, MAX_TURNS, BUDGET, FAILED, KILLED, TIMED_OUT, INTERRUPTED -> false;
        };
    }

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
