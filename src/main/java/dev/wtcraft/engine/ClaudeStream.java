package dev.wtcraft.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * `claude -p --output-format stream-json --verbose`: system, assistant, user and result lines. The lines of one
 * message share its id and repeat its usage, so usage is counted once per message id; the result line's totals,
 * when it comes, are the CLI's own and replace that count.
 */
public final class ClaudeStream extends StreamParser {
    private final Set<String> countedMessages = new HashSet<>();
    private String lastText;

    @Override
    protected List<AgentEvent> read(String type, Map<String, Object> o) {
        switch (type) {
            case "system" -> {
                return system(o);
            }
            case "assistant" -> {
                return assistant(obj(o.get("message")));
            }
            case "user" -> {
                List<AgentEvent> out = new ArrayList<>();
                for (Object c : list(obj(o.get("message")).get("content"))) {
                    Map<String, Object> block = obj(c);
                    if ("tool_result".equals(block.get("type"))) {
                        out.add(AgentEvent.of("tool.result", "id", str(block.get("tool_use_id")),
                                "is_error", Boolean.TRUE.equals(block.get("is_error")), "output", clip(block.get("content"))));
                    }
                }
                return out;
            }
            case "result" -> {
                return result(o);
            }
            case "stream_event", "rate_limit_event" -> {
                return List.of();
            }
            default -> {
                return null;
            }
        }
    }

    private List<AgentEvent> system(Map<String, Object> o) {
        String subtype = str(o.get("subtype"));
        if ("init".equals(subtype)) {
            summary.sessionId = str(o.get("session_id"));
            summary.model = str(o.get("model"));
            return List.of(AgentEvent.of("session.started", "session_id", summary.sessionId, "model", summary.model,
                    "permission_mode", str(o.get("permissionMode")), "version", str(o.get("claude_code_version"))));
        }
        if ("permission_denied".equals(subtype)) {
            return List.of(AgentEvent.of("permission.denied", "tool", str(o.get("tool_name")), "detail", o.get("message")));
        }
        return List.of();
    }

    private List<AgentEvent> assistant(Map<String, Object> message) {
        String id = str(message.get("id"));
        Map<String, Object> u = obj(message.get("usage"));
        if (id != null && !u.isEmpty() && countedMessages.add(id)) {
            summary.usage.add(num(u.get("input_tokens")), num(u.get("cache_read_input_tokens")),
                    num(u.get("cache_creation_input_tokens")), num(u.get("output_tokens")), 0);
            summary.usage.turns++;
        }
        List<AgentEvent> out = new ArrayList<>();
        for (Object c : list(message.get("content"))) {
            Map<String, Object> block = obj(c);
            String kind = str(block.get("type"));
            if ("text".equals(kind)) {
                lastText = str(block.get("text"));
                out.add(AgentEvent.of("message", "role", "assistant", "text", lastText, "message_id", id));
            } else if ("thinking".equals(kind)) {
                out.add(AgentEvent.of("reasoning", "text", str(block.get("thinking")), "message_id", id));
            } else if ("tool_use".equals(kind)) {
                Map<String, Object> input = obj(block.get("input"));
                String name = str(block.get("name"));
                out.add(AgentEvent.of("tool.call", "id", str(block.get("id")), "name", name, "input", input));
                if ("Bash".equals(name)) {
                    out.add(AgentEvent.of("command", "command", str(input.get("command")), "tool_id", str(block.get("id"))));
                } else if (("Write".equals(name) || "Edit".equals(name) || "MultiEdit".equals(name))
                        && input.get("file_path") != null) {
                    out.add(AgentEvent.of("file.change", "path", str(input.get("file_path")),
                            "kind", "Write".equals(name) ? "write" : "update", "tool_id", str(block.get("id"))));
                }
            }
        }
        if (lastText != null) {
            summary.lastMessage = lastText;
        }
        return out;
    }

    private List<AgentEvent> result(Map<String, Object> o) {
        summary.finished = true;
        if (o.get("session_id") != null) {
            summary.sessionId = str(o.get("session_id"));
        }
        boolean isError = Boolean.TRUE.equals(o.get("is_error"));
        String subtype = str(o.get("subtype"));
        String terminal = str(o.get("terminal_reason"));
        if (isError) {
            summary.maxTurns = "error_max_turns".equals(subtype) || "max_turns".equals(terminal);
            summary.apiError = !summary.maxTurns;
            summary.apiErrorStatus = o.get("api_error_status") instanceof Number n ? n.intValue() : null;
            List<Object> errors = list(o.get("errors"));
            summary.errorMessage = !errors.isEmpty() ? str(errors.get(0))
                    : o.get("result") != null ? str(o.get("result")) : lastText;
        }
        if (o.get("result") instanceof String text && !isError) {
            summary.lastMessage = text;
        }
        Map<String, Object> u = obj(o.get("usage"));
        if (!u.isEmpty()) {
            summary.usage.set(num(u.get("input_tokens")), num(u.get("cache_read_input_tokens")),
                    num(u.get("cache_creation_input_tokens")), num(u.get("output_tokens")),
                    num(obj(u.get("output_tokens_details")).get("thinking_tokens")));
        }
        if (o.get("num_turns") instanceof Number n) {
            summary.usage.turns = n.intValue();
        }
        if (o.get("total_cost_usd") instanceof Number cost) {
            summary.usage.engineCostUsd = cost.doubleValue();
        }
        for (Map.Entry<String, Object> e : obj(o.get("modelUsage")).entrySet()) {
            Map<String, Object> m = obj(e.getValue());
            summary.usage.models.put(e.getKey(), Usage.counts(num(m.get("inputTokens")), num(m.get("cacheReadInputTokens")),
                    num(m.get("cacheCreationInputTokens")), num(m.get("outputTokens")), num(m.get("thinkingTokens"))));
        }
        List<AgentEvent> out = new ArrayList<>();
        for (Object d : list(o.get("permission_denials"))) {
            Map<String, Object> denial = obj(d);
            String tool = str(denial.get("tool_name"));
            summary.permissionDenials.add(tool + " " + obj(denial.get("tool_input")).getOrDefault("file_path",
                    obj(denial.get("tool_input")).getOrDefault("command", "")));
            out.add(AgentEvent.of("permission.denied", "tool", tool, "id", str(denial.get("tool_use_id")),
                    "input", denial.get("tool_input")));
        }
        out.add(AgentEvent.of("usage", "input_tokens", summary.usage.inputTokens, "cached_input_tokens",
                summary.usage.cachedInputTokens, "output_tokens", summary.usage.outputTokens,
                "cost_usd_reported", summary.usage.engineCostUsd));
        out.add(AgentEvent.of("finished", "subtype", subtype, "is_error", isError, "terminal_reason", terminal,
                "num_turns", o.get("num_turns"), "api_error_status", o.get("api_error_status")));
        return out;
    }
}
