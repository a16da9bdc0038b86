package dev.wtcraft.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * `codex exec --json`: thread.started, turn.*, item.* and error events. Its stream reports usage only once the
 * turn is over; each model response's usage comes from the session's rollout file (token_usage_record lines)
 * while the turn runs. A resumed thread's turn.completed is the thread's running total: this run's own share is
 * that minus the total the resumed attempt recorded.
 */
public final class CodexStream extends StreamParser {
    /** "Reconnecting... 2/5 (reason)": a retry, not the end. */
    private static final Pattern RECONNECTING = Pattern.compile("^Reconnecting\\.\\.\\. (\\d+)/(\\d+)(?: \\((.*)\\))?$",
            Pattern.DOTALL);
    /** The rollout's name for an API failure, and the HTTP status it stands for. */
    private static final Map<String, Integer> ERROR_STATUS = Map.of("internal_server_error", 500,
            "server_overloaded", 503, "usage_limit_exceeded", 429, "unauthorized", 401, "bad_request", 400);
    /** Codex's execpolicy refusing a command is printed on stderr only. */
    private static final Pattern REJECTED = Pattern.compile("Rejected\\(\\\\?\"`(.*)` rejected: (.*?)\\\\?\"\\)");

    private final Map<String, Object> before;
    /** The turns' totals so far (a fresh thread's turns each report their own). */
    private final long[] turnsSum = new long[5];
    private int turnsCompleted;

    public CodexStream() {
        this(null);
    }

    /** @param before the usage.json of the attempt this run resumes (its session_* totals), or null */
    public CodexStream(Map<String, Object> before) {
        this.before = before;
    }

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
                return completed(obj(o.get("usage")));
            }
            case "turn.failed" -> {
                return failed(str(obj(o.get("error")).get("message")));
            }
            case "error" -> {
                String message = str(o.get("message"));
                Matcher m = message == null ? null : RECONNECTING.matcher(message);
                if (m != null && m.matches()) {
                    return List.of(retry(Integer.parseInt(m.group(1)), Integer.valueOf(m.group(2)), statusIn(m.group(3)),
                            null, m.group(3)));
                }
                return failed(message);
            }
            default -> {
                return null;
            }
        }
    }

    private List<AgentEvent> failed(String message) {
        summary.apiError = true;
        summary.errorMessage = message;
        Integer status = statusIn(message);
        if (status != null) {
            summary.apiErrorStatus = status;
        }
        return List.of(AgentEvent.of("error", "message", message, "fatal", true));
    }

    private List<AgentEvent> completed(Map<String, Object> u) {
        long in = num(u.get("input_tokens"));
        long cached = num(u.get("cached_input_tokens"));
        long write = num(u.get("cache_write_input_tokens"));
        long out = num(u.get("output_tokens"));
        long reasoning = num(u.get("reasoning_output_tokens"));
        summary.sessionTotals = Map.of("session_input_tokens", in, "session_cached_input_tokens", cached,
                "session_output_tokens", out, "session_reasoning_output_tokens", reasoning);
        turnsCompleted++;
        if (before != null) {
            // the thread's running total: this run's share is what it added to the resumed attempt's
            in = Math.max(0, in - num(before.get("session_input_tokens")));
            cached = Math.max(0, cached - num(before.get("session_cached_input_tokens")));
            out = Math.max(0, out - num(before.get("session_output_tokens")));
            reasoning = Math.max(0, reasoning - num(before.get("session_reasoning_output_tokens")));
            summary.usage.settle(in, cached, write, out, reasoning);
        } else {
            long[] turn = {in, cached, write, out, reasoning};
            for (int i = 0; i < turn.length; i++) {
                turnsSum[i] += turn[i];
            }
            summary.usage.settle(turnsSum[0], turnsSum[1], turnsSum[2], turnsSum[3], turnsSum[4]);
        }
        summary.usage.settleTurns(Math.max(turnsCompleted, summary.usage.responses()));
        summary.finished = true;
        return List.of(AgentEvent.of("usage", "input_tokens", in, "cached_input_tokens", cached,
                "cache_write_input_tokens", write, "output_tokens", out, "reasoning_output_tokens", reasoning,
                "totals", true));
    }

    /** The rollout: one token_usage_record per model response, and how the turn ended. */
    @Override
    protected List<AgentEvent> readSession(Map<String, Object> o) {
        Map<String, Object> p = obj(o.get("payload"));
        if ("token_usage_record".equals(o.get("type"))) {
            Map<String, Object> u = obj(p.get("usage"));
            String id = p.get("response_id") != null ? str(p.get("response_id")) : "response-" + summary.usage.responses();
            return events(usage(id, summary.model, num(u.get("input_tokens")), num(u.get("cached_input_tokens")),
                    num(u.get("cache_write_input_tokens")), num(u.get("output_tokens")),
                    num(u.get("reasoning_output_tokens"))));
        }
        if ("turn_context".equals(o.get("type")) && p.get("model") != null) {
            summary.model = str(p.get("model"));
        } else if ("event_msg".equals(o.get("type")) && "task_complete".equals(p.get("type"))) {
            Object info = obj(p.get("error")).get("codex_error_info");
            if (info != null && ERROR_STATUS.containsKey(str(info)) && summary.apiErrorStatus == null) {
                summary.apiErrorStatus = ERROR_STATUS.get(str(info));
            }
        }
        return List.of();
    }

    @Override
    public List<AgentEvent> stderrLine(String line) {
        Matcher m = REJECTED.matcher(line);
        if (m.find()) {
            return events(denied(null, "command", m.group(1), m.group(2)));
        }
        if (line.startsWith("Error: ")) {
            // why it gave up (its input too large, say), before the backtrace that follows it
            summary.errorMessage = line.substring("Error: ".length());
            return List.of(AgentEvent.of("error", "message", summary.errorMessage, "fatal", true));
        }
        return List.of();
    }

    private List<AgentEvent> item(Map<String, Object> item) {
        String type = str(item.get("type"));
        if (type == null) {
            return null;
        }
        String status = str(item.get("status"));
        switch (type) {
            case "agent_message" -> {
                summary.lastMessage = str(item.get("text"));
                return List.of(AgentEvent.of("message", "role", "assistant", "text", summary.lastMessage));
            }
            case "reasoning" -> {
                return List.of(AgentEvent.of("reasoning", "text", str(item.get("text"))));
            }
            case "command_execution" -> {
                toolResults++;
                AgentEvent command = AgentEvent.of("command", "command", str(item.get("command")),
                        "exit_code", item.get("exit_code"), "status", status,
                        "output", clip(item.get("aggregated_output")));
                return "declined".equals(status)
                        ? events(command, denied(str(item.get("id")), "command", str(item.get("command")), status))
                        : List.of(command);
            }
            case "file_change" -> {
                toolResults++;
                List<AgentEvent> out = new ArrayList<>();
                for (Object c : list(item.get("changes"))) {
                    Map<String, Object> change = obj(c);
                    // a patch that failed or was declined changed nothing
                    out.add(AgentEvent.of("completed".equals(status) ? "file.change" : "tool.result",
                            "path", str(change.get("path")), "kind", str(change.get("kind")), "status", status));
                    if ("declined".equals(status)) {
                        AgentEvent d = denied(str(item.get("id")) + ":" + change.get("path"), "patch",
                                str(change.get("path")), status);
                        if (d != null) {
                            out.add(d);
                        }
                    }
                }
                return out;
            }
            case "mcp_tool_call" -> {
                toolResults++;
                return List.of(AgentEvent.of("tool.call", "name", str(item.get("server")) + "." + str(item.get("tool")),
                        "input", item.get("arguments"), "status", status, "error", item.get("error")));
            }
            case "web_search" -> {
                toolResults++;
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
