package dev.wtcraft.engine;

import java.util.List;
import java.util.Map;

/** `gemini -p --output-format stream-json`: init, message (assistant text in deltas), tool_use, tool_result, result. */
public final class GeminiStream extends StreamParser {
    private final StringBuilder reply = new StringBuilder();

    public GeminiStream() {
        summary.exitIsHttpStatus = true;
    }
    private boolean lastWasAssistant;

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
                    summary.lastMessage = reply.toString();
                }
                return List.of(AgentEvent.of("message", "role", str(o.get("role")), "text", text,
                        "delta", Boolean.TRUE.equals(o.get("delta"))));
            }
            case "tool_use" -> {
                String name = str(o.get("tool_name"));
                Map<String, Object> params = obj(o.get("parameters"));
                AgentEvent call = AgentEvent.of("tool.call", "id", str(o.get("tool_id")), "name", name, "input", params);
                if ("run_shell_command".equals(name)) {
                    return List.of(call, AgentEvent.of("command", "command", str(params.get("command")),
                            "tool_id", str(o.get("tool_id"))));
                }
                if (("write_file".equals(name) || "replace".equals(name)) && params.get("file_path") != null) {
                    return List.of(call, AgentEvent.of("file.change", "path", str(params.get("file_path")),
                            "kind", "write_file".equals(name) ? "write" : "update", "tool_id", str(o.get("tool_id"))));
                }
                return List.of(call);
            }
            case "tool_result" -> {
                return List.of(AgentEvent.of("tool.result", "id", str(o.get("tool_id")), "status", str(o.get("status")),
                        "is_error", !"success".equals(o.get("status")), "output", clip(o.get("output"))));
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

    private List<AgentEvent> result(Map<String, Object> o) {
        summary.finished = true;
        boolean error = "error".equals(o.get("status"));
        if (error) {
            summary.apiError = true;
            summary.errorMessage = str(obj(o.get("error")).get("message"));
        }
        Map<String, Object> stats = obj(o.get("stats"));
        summary.usage.set(num(stats.get("input_tokens")), num(stats.get("cached")), 0, num(stats.get("output_tokens")), 0);
        summary.usage.turns = (int) num(stats.get("tool_calls")) + (error ? 0 : 1);
        for (Map.Entry<String, Object> e : obj(stats.get("models")).entrySet()) {
            Map<String, Object> m = obj(e.getValue());
            summary.usage.models.put(e.getKey(), Usage.counts(num(m.get("input_tokens")), num(m.get("cached")), 0,
                    num(m.get("output_tokens")), 0));
        }
        return List.of(
                AgentEvent.of("usage", "input_tokens", summary.usage.inputTokens, "cached_input_tokens",
                        summary.usage.cachedInputTokens, "output_tokens", summary.usage.outputTokens),
                AgentEvent.of("finished", "status", str(o.get("status")), "error", o.get("error"),
                        "tool_calls", stats.get("tool_calls")));
    }
}
