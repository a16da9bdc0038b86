package dev.wtcraft.engine;

import java.time.Duration;
import java.util.Map;

/**
 * What an engine run left behind.
 *
 * @param reason      one line for people: why it ended the way it did
 * @param lastMessage the agent's final message, or null when the engine has none
 * @param usage       tokens and cost as the engine reported them (empty for the shell engine)
 */
public record EngineResult(EngineOutcome outcome, int exitCode, String reason, Duration duration,
                           String lastMessage, Map<String, Object> usage) {
    public EngineResult {
        usage = Map.copyOf(usage);
    }
}
