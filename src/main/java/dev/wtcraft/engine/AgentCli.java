package dev.wtcraft.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** What differs between agent CLIs: how to launch one headlessly, and how to read its stream. */
interface AgentCli {
    /** The executable's default name on PATH. */
    String defaultBinary();

    /** The command line after the binary. The prompt is not in it: it comes on stdin. */
    List<String> arguments(Launch launch);

    /**
     * Variables the CLI needs for a quiet, non-interactive, bounded run; the recipe's env comes on top.
     * {@code launch.env()} is what the CLI gets without them.
     */
    default Map<String, String> environment(Launch launch) {
        return Map.of();
    }

    /** Variables that carry what wtcraft merged already (the recipe's own value of them included): set last. */
    default Map<String, String> mergedEnvironment(Launch launch) {
        return Map.of();
    }

    StreamParser parser(EngineRun run);

    /** Whether the CLI can continue a session; otherwise a retry starts a fresh one with the whole story. */
    boolean canResume();

    /** How {@code maxTurns} is kept: by the CLI's own setting, or counted from its stream and enforced by wtcraft. */
    TurnLimit turnLimit();

    /** Whether this run's API retries are bounded in the CLI's own terms; if not, wtcraft watches for a retry loop. */
    boolean retriesBounded(Launch launch);

    /**
     * The file the CLI appends its session to while it runs (read for the usage its stream does not report as
     * it goes), or null when it has none or it cannot be found.
     */
    default Path sessionFile(Map<String, String> env, String sessionId) {
        return null;
    }

    enum TurnLimit {
        /** The CLI has a setting for it and stops itself. */
        SETTING,
        /** Counted from the stream; wtcraft stops the CLI once the last allowed turn's tools are done. */
        STREAM
    }

    /**
     * One launch of a CLI.
     *
     * @param env   the CLI's environment
     * @param files where files the CLI reads for this run (its settings, MCP config) are written
     */
    record Launch(dev.wtcraft.model.EngineSpec spec, EngineRun run, Map<String, String> env, EngineFiles files) {
    }

    /** Most API retries a CLI is allowed before the error is the run's outcome. */
    int API_RETRIES = 2;
}
