package dev.wtcraft.engine;

import dev.wtcraft.model.EngineSpec;

import java.util.List;
import java.util.Map;

/** What differs between agent CLIs: how to launch one headlessly, and how to read its stream. */
interface AgentCli {
    /** The executable's default name on PATH. */
    String defaultBinary();

    /** The command line after the binary. */
    List<String> arguments(EngineSpec spec, EngineRun run, String prompt);

    /** Variables the CLI needs for a quiet, non-interactive run (the recipe's env comes on top). */
    default Map<String, String> environment(EngineRun run) {
        return Map.of();
    }

    StreamParser parser();

    /** Whether the CLI can continue a session; otherwise a retry starts a fresh one with the whole story. */
    boolean canResume();

    /** Whether a resumed run reports the session's running total rather than its own usage (Codex does). */
    default boolean resumedUsageIsCumulative() {
        return false;
    }
}
