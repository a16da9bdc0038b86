package dev.wtcraft.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * `claude -p --output-format stream-json --verbose --include-partial-messages`: system, stream_event, assistant,
 * user and result lines. Usage is counted per message id as it arrives: message_start carries the input side,
 * message_delta the final output count (the assistant lines repeat message_start's provisional one). The result
 * line's totals, when it comes, are the CLI's own. A write tool's file.change waits for its successful result;
 * a denial is recorded once, whether the CLI reports it live, in the result, or both.
 */
public final class ClaudeStream extends StreamParser {
    private static final java.util.Set<String> WRITE_TOOLS = java.util.Set.of("Write", "Edit", "MultiEdit", "NotebookEdit");
    /** parent tool use id ("" for the main loop) -> the message being streamed there (message_delta may not name it). */
    private final Map<String, String> streaming = new HashMap<>();
    private String lastText;

    @Override
    protected List<AgentEvent> read(String type, Map<String, Object> o) {
        switch (type) {
            case "system" -> {
                return system(o);
            }
            case "stream_event" -> {
                return streamEvent(o);
            }
            case "assistant" -> {
                return assistant(obj(o.get("message")));
            }
            case "user" -> {
                return user(o);
            }
            case "result" -> {
                return result(o);
            }
            case "rate_limit_event" -> {
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
                    "permission_mode", str(o.get("permissionMode")), "version", str(o.get("claude_code_version")),
                    "tools", o.get("tools")));
        }
        if ("permission_denied".equals(subtype)) {
            return events(denied(str(o.get("tool_use_id")), str(o.get("tool_name")), null, o.get("message")));
        }
        if ("api_retry".equals(subtype)) {
            Integer status = o.get("error_status") instanceof Number n ? n.intValue() : null;
            return List.of(retry((int) num(o.get("attempt")), o.get("max_retries") instanceof Number n ? n.intValue() : null,
                    status, o.get("retry_delay_ms") instanceof Number d ? d.longValue() : null, str(o.get("error"))));
        }
        return List.of();
    }

    private List<AgentEvent> streamEvent(Map<String, Object> o) {
        Map<String, Object> event = obj(o.get("event"));
        String parent = o.get("parent_tool_use_id") == null ? "" : str(o.get("parent_tool_use_id"));
        if ("message_start".equals(event.get("type"))) {
            Map<String, Object> message = obj(event.get("message"));
            String id = str(message.get("id"));
            if (id == null) {
                return List.of();
            }
            streaming.put(parent, id);
            return events(report(id, str(message.get("model")), obj(message.get("usage"))));
        }
        if ("message_delta".equals(event.get("type"))) {
            String id = o.get("api_message_id") != null ? str(o.get("api_message_id")) : streaming.get(parent);
            return id == null ? List.of() : events(report(id, null, obj(event.get("usage"))));
        }
        return List.of();
    }

    private AgentEvent report(String id, String model, Map<String, Object> u) {
        if (u.isEmpty()) {
            return null;
        }
        return usage(id, model, num(u.get("input_tokens")), num(u.get("cache_read_input_tokens")),
                num(u.get("cache_creation_input_tokens")), num(u.get("output_tokens")), 0);
    }

    private List<AgentEvent> assistant(Map<String, Object> message) {
        String id = str(message.get("id"));
        List<AgentEvent> out = new ArrayList<>();
        if (id != null) {
            AgentEvent u = report(id, str(message.get("model")), obj(message.get("usage")));
            if (u != null) {
                out.add(u);
            }
        }
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
                String callId = str(block.get("id"));
                out.add(AgentEvent.of("tool.call", "id", callId, "name", name, "input", input));
                if ("Bash".equals(name)) {
                    out.add(AgentEvent.of("command", "command", str(input.get("command")), "tool_id", callId));
                } else if (WRITE_TOOLS.contains(name)) {
                    Object path = input.get("file_path") != null ? input.get("file_path") : input.get("notebook_path");
                    pendingWrite(callId, str(path), "Write".equals(name) ? "write" : "update");
                }
            }
        }
        if (lastText != null) {
            summary.lastMessage = lastText;
        }
        return out;
    }

    private List<AgentEvent> user(Map<String, Object> o) {
        List<AgentEvent> out = new ArrayList<>();
        for (Object c : list(obj(o.get("message")).get("content"))) {
            Map<String, Object> block = obj(c);
            if ("tool_result".equals(block.get("type"))) {
                String callId = str(block.get("tool_use_id"));
                boolean error = Boolean.TRUE.equals(block.get("is_error"));
                out.add(AgentEvent.of("tool.result", "id", callId, "is_error", error, "output", clip(block.get("content"))));
                AgentEvent change = writeDone(callId, !error);
                if (change != null) {
                    out.add(change);
                }
            }
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
            summary.budget = "error_max_budget_usd".equals(subtype) || "budget_exhausted".equals(terminal);
            summary.apiError = !summary.maxTurns && !summary.budget;
            summary.apiErrorStatus = o.get("api_error_status") instanceof Number n ? n.intValue() : summary.retryStatus;
            List<Object> errors = list(o.get("errors"));
            summary.errorMessage = !errors.isEmpty() ? str(errors.get(0))
                    : o.get("result") != null ? str(o.get("result")) : lastText;
        }
        if (o.get("result") instanceof String text && !isError) {
            summary.lastMessage = text;
        }
        Map<String, Object> u = obj(o.get("usage"));
        if (!u.isEmpty()) {
            summary.usage.settle(num(u.get("input_tokens")), num(u.get("cache_read_input_tokens")),
                    num(u.get("cache_creation_input_tokens")), num(u.get("output_tokens")),
                    num(obj(u.get("output_tokens_details")).get("thinking_tokens")));
        }
        if (o.get("num_turns") instanceof Number n) {
            summary.usage.settleTurns(n.intValue());
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
            Map<String, Object> input = obj(denial.get("tool_input"));
            Object target = input.containsKey("file_path") ? input.get("file_path") : input.get("command");
            AgentEvent e = denied(str(denial.get("tool_use_id")), str(denial.get("tool_name")), str(target), input);
            if (e != null) {
                out.add(e);
            } else {
                // the live denial lacked the target: the result names it
                summary.denials.put(str(denial.get("tool_use_id")), str(denial.get("tool_name"))
                        + (target == null ? "" : " " + target));
            }
        }
        Map<String, Object> totals = new java.util.LinkedHashMap<>(summary.usage.snapshot());
        totals.put("cost_usd_reported", summary.usage.engineCostUsd);
        totals.put("totals", true);
        out.add(new AgentEvent("usage", totals));
        out.add(AgentEvent.of("finished", "subtype", subtype, "is_error", isError, "terminal_reason", terminal,
                "num_turns", o.get("num_turns"), "api_error_status", o.get("api_error_status")));
        return out;
    }
}
