package dev.wtcraft.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** `codex exec --json`: thread.started, turn.*, item.* and error events. Usage is summed over turns. */
public final class CodexStream extends StreamParser {

    @Override
    protected List<AgentEvent> read(String type, Map<String, Object> o) {
        switch (type) {
            case "thread.started" -> {
                summary.sessionId = str(o.get("thread_id"));
                return List.of(AgentEvent.of("session.started", "session_id", summary.sessionId));
            }
            case "turn.started", "item.started", "item.updated" -> {
                return List.of();
            }
            case "item.completed" -> {
                return item(obj(o.get("item")));
            }
            case "turn.completed" -> {
                Map<String, Object> u = obj(o.get("usage"));
                long in = num(u.get("input_tokens"));
                long cached = num(u.get("cached_input_tokens"));
                long write = num(u.get("cache_write_input_tokens"));
                long out = num(u.get("output_tokens"));
                long reasoning = num(u.get("reasoning_output_tokens"));
                summary.usage.add(in, cached, write, out, reasoning);
                summary.usage.turns++;
                summary.finished = true;
                return List.of(AgentEvent.of("usage", "input_tokens", in, "cached_input_tokens", cached,
                        "cache_write_input_tokens", write, "output_tokens", out, "reasoning_output_tokens", reasoning));
            }
            case "turn.failed" -> {
                String message = str(obj(o.get("error")).get("message"));
                summary.apiError = true;
                summary.errorMessage = message;
                return List.of(AgentEvent.of("error", "message", message, "fatal", true));
            }
            case "error" -> {
                String message = str(o.get("message"));
                summary.apiError = true;
                summary.errorMessage = message;
                return List.of(AgentEvent.of("error", "message", message, "fatal", true));
            }
            default -> {
                return null;
            }
        }
    }

    private List<AgentEvent> item(Map<String, Object> item) {
        String type = str(item.get("type"));
        if (type == null) {
            return null;
        }
        switch (type) {
            case "agent_message" -> {
                summary.lastMessage = str(item.get("text"));
                return List.of(AgentEvent.of("message", "role", "assistant", "text", summary.lastMessage));
            }
            case "reasoning" -> {
                return List.of(AgentEvent.of("reasoning", "text", str(item.get("text"))));
            }
            case "command_execution" -> {
                return List.of(AgentEvent.of("command", "command", str(item.get("command")),
                        "exit_code", item.get("exit_code"), "status", str(item.get("status")),
                        "output", clip(item.get("aggregated_output"))));
            }
            case "file_change" -> {
                List<AgentEvent> out = new ArrayList<>();
                for (Object c : list(item.get("changes"))) {
                    Map<String, Object> change = obj(c);
                    out.add(AgentEvent.of("file.change", "path", str(change.get("path")),
                            "kind", str(change.get("kind")), "status", str(item.get("status"))));
                }
                return out;
            }
            case "mcp_tool_call" -> {
                return List.of(AgentEvent.of("tool.call", "name", str(item.get("server")) + "." + str(item.get("tool")),
                        "input", item.get("arguments"), "status", str(item.get("status")),
                        "error", item.get("error")));
            }
            case "web_search" -> {
                return List.of(AgentEvent.of("tool.call", "name", "web_search", "input", item.get("query")));
            }
            case "todo_list" -> {
                return List.of(AgentEvent.of("message", "role", "plan", "items", item.get("items")));
            }
            case "error" -> {
                // non-fatal: the CLI carries on (for example, unknown model metadata)
                return List.of(AgentEvent.of("error", "message", str(item.get("message")), "fatal", false));
            }
            default -> {
                return null;
            }
        }
    }
}
