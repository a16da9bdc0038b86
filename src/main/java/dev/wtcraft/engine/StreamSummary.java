package dev.wtcraft.engine;

import java.util.ArrayList;
import java.util.List;

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
    String errorMessage;
    Integer apiErrorStatus;
    final List<String> permissionDenials = new ArrayList<>();
    int unparsedLines;
    /** The CLI exits with the HTTP status modulo 256 on an API error (Gemini: 400 -> 144). */
    boolean exitIsHttpStatus;

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

    public String errorMessage() {
        return errorMessage;
    }

    public Integer apiErrorStatus() {
        return apiErrorStatus;
    }

    public List<String> permissionDenials() {
        return permissionDenials;
    }

    public boolean exitIsHttpStatus() {
        return exitIsHttpStatus;
    }

    public int unparsedLines() {
        return unparsedLines;
    }
}
