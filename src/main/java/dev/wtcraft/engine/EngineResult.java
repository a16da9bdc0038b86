package dev.wtcraft.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What an engine run left behind.
 *
 * @param reason      one line for people: why it ended the way it did
 * @param lastMessage the agent's final message, or null when the engine has none
 * @param usage       tokens and cost as the engine reported them (empty for the shell engine)
 * @param sessionId   the CLI's session, to resume on a retry; null when it has none
 * @param argv        the command line the engine was started with (the prompt never in it: it goes on stdin or in
 *                    a file); empty when nothing was started
 */
public record EngineResult(EngineOutcome outcome, int exitCode, String reason, Duration duration,
                           String lastMessage, Map<String, Object> usage, String sessionId, List<String> argv) {
    public EngineResult {
        usage = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(usage));
        argv = List.copyOf(argv);
    }

    public EngineResult(EngineOutcome outcome, int exitCode, String reason, Duration duration, String lastMessage,
                        Map<String, Object> usage, String sessionId) {
        this(outcome, exitCode, reason, duration, lastMessage, usage, sessionId, List.of());
    }

    public EngineResult(EngineOutcome outcome, int exitCode, String reason, Duration duration, String lastMessage,
                        Map<String, Object> usage) {
        this(outcome, exitCode, reason, duration, lastMessage, usage, null, List.of());
    }
}
