package dev.wtcraft.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a parser learned from a whole stream, for the outcome, last-message.md and usage.json. */
public final class StreamSummary {
    String sessionId;
    String model;
    String lastMessage;
    final Usage usage = new Usage();
    /** The CLI's own final verdict line was seen (Claude's and Gemini's result, Codex's turn.completed). */
    boolean finished;
    /** The CLI reported an error of the API or its own (turn.failed, is_error, status error). */
    boolean apiError;
    /** The CLI stopped at its turn limit. */
    boolean maxTurns;
    /** The CLI stopped at its own budget limit (Claude's --max-budget-usd). */
    boolean budget;
    String errorMessage;
    Integer apiErrorStatus;
    /** tool call id (or a description, where the CLI gives none) -> what was refused, each denial once. */
    final Map<String, String> denials = new LinkedHashMap<>();
    int unparsedLines;
    /** The CLI exits with the HTTP status modulo 256 on an API error (Gemini: 400 -> 144). */
    boolean exitIsHttpStatus;
    /** Retries of a failing API request the CLI announced, the last one's HTTP status (null when unknown). */
    int retries;
    Integer retryStatus;
    /** The session's running totals where the CLI reports those (a resumed Codex thread), else null. */
    Map<String, Object> sessionTotals;

    public String sessionId() {
        return sessionId;
    }

    public String model() {
        return model;
    }

    public String lastMessage() {
        return lastMessage;
    }

    public Usage usage() {
        return usage;
    }

    public boolean finished() {
        return finished;
    }

    public boolean apiError() {
        return apiError;
    }

    public boolean maxTurns() {
        return maxTurns;
    }

    public boolean budget() {
        return budget;
    }

    public String errorMessage() {
        return errorMessage;
    }

    public Integer apiErrorStatus() {
        return apiErrorStatus;
    }

    public List<String> permissionDenials() {
        return new ArrayList<>(denials.values());
    }

    public boolean exitIsHttpStatus() {
        return exitIsHttpStatus;
    }

    public int unparsedLines() {
        return unparsedLines;
    }

    public int retries() {
        return retries;
    }

    public Integer retryStatus() {
        return retryStatus;
    }
}
