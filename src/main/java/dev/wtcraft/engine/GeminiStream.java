package dev.wtcraft.engine;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * `gemini -p --output-format stream-json`: init, message (assistant text in deltas), tool_use, tool_result, result.
 * Its stream reports usage only in the result; each model response's usage comes from the session's chat record
 * (one `gemini` line per response, repeated as it is updated) while the run goes on. A tool refused by policy is
 * a tool_result with status error and error type policy_violation; retries of a failing request are on stderr.
 */
public final class GeminiStream extends StreamParser {
    /** "Attempt 2 failed with status 429. Retrying with backoff..." */
    private static final Pattern ATTEMPT = Pattern.compile("^Attempt (\\d+) failed(?: with status (\\d{3}))?[.:](.*)$");
    private static final java.util.Set<String> WRITE_TOOLS = java.util.Set.of("write_file", "replace", "edit");
    private final StringBuilder reply = new StringBuilder();
    private final java.util.Map<String, String> toolNames = new java.util.HashMap<>();
    /** tool call id -> what it acts on (its command or file), to name a refusal by. */
    private final java.util.Map<String, String> toolTargets = new java.util.HashMap<>();
    private boolean lastWasAssistant;
    /** Whether the stream itself carried an assistant reply; until it does, the chat record's last one stands. */
    private boolean streamReplied;

    public GeminiStream() {
        summary.exitIsHttpStatus = true;
    }

    @Override
    protected List<AgentEvent> read(String type, Map<String, Object> o) {
        boolean assistant = "message".equals(type) && "assistant".equals(o.get("role"));
        if (assistant && !lastWasAssistant) {
            reply.setLength(0);
        }
        lastWasAssistant = assistant;
        switch (type) {
            case "init" -> {
                summary.sessionId = str(o.get("session_id"));
                summary.model = str(o.get("model"));
                return List.of(AgentEvent.of("session.started", "session_id", summary.sessionId, "model", summary.model));
            }
            case "message" -> {
                String text = str(o.get("content"));
                if (assistant && text != null) {
                    reply.append(text);
                    String sofar = reply.toString();
                    if (!sofar.isBlank()) { // an empty reply after it is not its last word
                        summary.lastMessage = sofar;
                        streamReplied = true;
                    }
                }
                return List.of(AgentEvent.of("message", "role", str(o.get("role")), "text", text,
                        "delta", Boolean.TRUE.equals(o.get("delta"))));
            }
            case "tool_use" -> {
                String name = str(o.get("tool_name"));
                String id = str(o.get("tool_id"));
                Map<String, Object> params = obj(o.get("parameters"));
                toolNames.put(id, name);
                Object target = params.get("command") != null ? params.get("command") : params.get("file_path");
                if (target != null) {
                    toolTargets.put(id, str(target));
                }
                AgentEvent call = AgentEvent.of("tool.call", "id", id, "name", name, "input", params);
                if ("run_shell_command".equals(name)) {
                    return List.of(call, AgentEvent.of("command", "command", str(params.get("command")), "tool_id", id));
                }
                if (WRITE_TOOLS.contains(name)) {
                    pendingWrite(id, str(params.get("file_path")), "write_file".equals(name) ? "write" : "update");
                }
                return List.of(call);
            }
            case "tool_result" -> {
                return toolResult(o);
            }
            case "error" -> {
                summary.errorMessage = str(o.get("message"));
                return List.of(AgentEvent.of("error", "message", summary.errorMessage, "fatal", false));
            }
            case "result" -> {
                return result(o);
            }
            default -> {
                return null;
            }
        }
    }

    private List<AgentEvent> toolResult(Map<String, Object> o) {
        String id = str(o.get("tool_id"));
        String status = str(o.get("status"));
        Map<String, Object> error = obj(o.get("error"));
        AgentEvent result = AgentEvent.of("tool.result", "id", id, "status", status,
                "is_error", !"success".equals(status), "output", clip(o.get("output")), "error", o.get("error"));
        AgentEvent change = writeDone(id, "success".equals(status));
        AgentEvent denial = "policy_violation".equals(error.get("type"))
                ? denied(id, toolNames.getOrDefault(id, "tool"), toolTargets.get(id), error.get("message")) : null;
        return events(result, change, denial);
    }

    private List<AgentEvent> result(Map<String, Object> o) {
        summary.finished = true;
        boolean error = "error".equals(o.get("status"));
        if (error) {
            Map<String, Object> e = obj(o.get("error"));
            summary.errorMessage = str(e.get("message"));
            summary.maxTurns = "FatalTurnLimitedError".equals(e.get("type"));
            summary.apiError = !summary.maxTurns;
            Integer status = statusIn(summary.errorMessage);
            summary.apiErrorStatus = status != null ? status : summary.retryStatus;
        }
        Map<String, Object> stats = obj(o.get("stats"));
        summary.usage.settle(num(stats.get("input_tokens")), num(stats.get("cached")), 0, num(stats.get("output_tokens")), 0);
        summary.usage.settleTurns((int) num(stats.get("tool_calls")) + (error ? 0 : 1));
        for (Map.Entry<String, Object> e : obj(stats.get("models")).entrySet()) {
            Map<String, Object> m = obj(e.getValue());
            summary.usage.models.put(e.getKey(), Usage.counts(num(m.get("input_tokens")), num(m.get("cached")), 0,
                    num(m.get("output_tokens")), 0));
        }
        Map<String, Object> totals = new java.util.LinkedHashMap<>(summary.usage.snapshot());
        totals.put("totals", true);
        return List.of(new AgentEvent("usage", totals),
                AgentEvent.of("finished", "status", str(o.get("status")), "error", o.get("error"),
                        "tool_calls", stats.get("tool_calls")));
    }

    /**
     * The chat record: a `gemini` line per model response, with its text and tokens (written again as it is
     * updated). Its text is the final message when the stream carried none: the CLI records a reply it has not
     * printed.
     */
    @Override
    protected List<AgentEvent> readSession(Map<String, Object> o) {
        if (!"gemini".equals(o.get("type")) || o.get("id") == null) {
            return List.of();
        }
        if (!streamReplied && o.get("content") instanceof String text && !text.isBlank()) {
            summary.lastMessage = text;
        }
        if (!(o.get("tokens") instanceof Map<?, ?>)) {
            return List.of();
        }
        Map<String, Object> t = obj(o.get("tokens"));
        return events(usage(str(o.get("id")), str(o.get("model")), num(t.get("input")), num(t.get("cached")), 0,
                num(t.get("output")), num(t.get("thoughts"))));
    }

    @Override
    public List<AgentEvent> stderrLine(String line) {
        Matcher m = ATTEMPT.matcher(line.strip());
        if (!m.matches() || line.contains("Max attempts reached")) {
            return List.of();
        }
        Integer status = m.group(2) != null ? Integer.valueOf(m.group(2)) : statusIn(m.group(3));
        return List.of(retry(Integer.parseInt(m.group(1)), null, status, null, m.group(3).strip()));
    }
}
